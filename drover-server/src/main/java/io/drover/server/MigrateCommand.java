package io.drover.server;

import io.drover.server.config.ConfigException;
import io.drover.server.config.ConfigLoader;
import io.drover.server.config.ServerConfig;
import io.drover.server.config.Setting;
import io.drover.server.config.SettingOptions;
import io.drover.server.store.StoreChoice;
import io.drover.server.store.StoreKind;
import io.drover.store.jdbc.PostgresJobStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code drover migrate}: applies pending PostgreSQL migrations and says which version the schema
 * is at, for deployments that start their processes with {@code --no-migrate} and migrate as a step
 * of their own. Safe to run while other processes start: migrations take an advisory lock.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    modelTransformer = MigrateCommand.Options.class,
    description = {
      "Applies pending PostgreSQL schema migrations, then prints the schema version.",
      SettingOptions.READ_AS_SERVER,
      ""
    })
final class MigrateCommand implements Callable<Integer>, ProcessCommand {
  /** The settings that say which database and schema; the rest do not matter here. */
  private static final Set<Setting<?>> TAKES =
      Set.of(
          Setting.STORE,
          Setting.DATABASE_URL,
          Setting.SCHEMA,
          Setting.LOG_LEVEL,
          Setting.LOG_FORMAT);

  @Spec private CommandSpec spec;

  private final Map<String, String> env;

  MigrateCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    ServerConfig config =
        ConfigLoader.load(SettingOptions.given(spec.commandLine().getParseResult()), env);
    Logging.apply(config.log().level(), config.log().format());
    StoreChoice choice = StoreChoice.of(config);
    if (choice.kind() != StoreKind.POSTGRES) {
      throw new ConfigException(
          "store",
          "is "
              + choice.describe()
              + " ("
              + choice.reason()
              + "); drover migrate is for postgres, the other stores migrate as they open"
              + " (set DATABASE_URL or pass --database-url)");
    }
    String version = PostgresJobStore.migrate(choice.postgres());
    spec.commandLine()
        .getOut()
        .println("postgres " + choice.postgres().describe() + ": schema at version " + version);
    return 0;
  }

  /** Only the settings that locate the schema, and the log ones. */
  public static final class Options extends SettingOptions {
    @Override
    protected boolean takes(Setting<?> setting) {
      return TAKES.contains(setting);
    }
  }
}
