package io.drover.server.cli;

import io.drover.StoreUnavailableException;
import io.drover.server.LocalApi;
import io.drover.server.config.ConfigException;
import io.drover.server.config.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where a CLI command sends its calls: a server's API ({@code --server}, {@code --token}), or
 * straight to a store ({@code --store} and its connection options, or the variables that choose a
 * store for {@code drover server}), through the same API served in this process ({@link LocalApi}).
 * A server named explicitly wins; without either, the local server on port 8080. The token is
 * better given as {@code DROVER_TOKEN}: a flag shows in the process list.
 */
final class ServerConnection {
  static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "The server's base URL. Env: DROVER_SERVER. Default: " + DEFAULT_SERVER + ".")
  private String server;

  @Option(
      names = "--token",
      paramLabel = "SECRET",
      description =
          "An API token's secret, when the server has tokens. Env: DROVER_TOKEN (safer: flags show"
              + " in the process list). Default: none.")
  private String token;

  @Option(
      names = "--store",
      paramLabel = "KIND",
      description =
          "Talk straight to a store instead of a server: memory, sqlite, postgres or redis."
              + " Env: DROVER_STORE; DATABASE_URL or REDIS_URL also choose one.")
  private String store;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "With --store sqlite: the folder of drover.db. Env: DROVER_DATA_DIR.")
  private String dataDir;

  @Option(
      names = "--database-url",
      paramLabel = "URL",
      description = "With --store postgres: the database. Env: DROVER_DATABASE_URL, DATABASE_URL.")
  private String databaseUrl;

  @Option(
      names = "--schema",
      paramLabel = "NAME",
      description = "With --store postgres: Drover's schema. Env: DROVER_SCHEMA.")
  private String schema;

  @Option(
      names = "--redis-url",
      paramLabel = "URL",
      description = "With --store redis: the server. Env: DROVER_REDIS_URL, REDIS_URL.")
  private String redisUrl;

  /** Runs {@code work} with a client of the chosen server or store, then lets the store go. */
  <T> T call(Map<String, String> env, Function<DroverClient, T> work) {
    try (DroverClient client = client(env)) {
      return work.apply(client);
    }
  }

  /** A client for the chosen server or store; closing it closes a store opened for it. */
  DroverClient client(Map<String, String> env) {
    Map<Setting<?>, String> storeFlags = storeFlags();
    boolean serverNamed = server != null || env.containsKey("DROVER_SERVER");
    if (!storeFlags.isEmpty() || (!serverNamed && storeInEnvironment(env))) {
      LocalApi local = openStore(storeFlags, env);
      return new DroverClient(local.url(), null, local);
    }
    String url = server != null ? server : env.getOrDefault("DROVER_SERVER", DEFAULT_SERVER);
    String secret = token != null ? token : env.get("DROVER_TOKEN");
    return new DroverClient(url, secret == null || secret.isBlank() ? null : secret, () -> {});
  }

  /**
   * The store's API in this process; a store that cannot be opened is the one line {@code drover:
   * …} its message makes (what could not be reached, never a password), a bad setting a usage
   * error.
   */
  private LocalApi openStore(Map<Setting<?>, String> storeFlags, Map<String, String> env) {
    try {
      return LocalApi.open(storeFlags, env);
    } catch (StoreUnavailableException e) {
      throw new ClientException(e.getMessage());
    } catch (ConfigException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }

  private Map<Setting<?>, String> storeFlags() {
    Map<Setting<?>, String> flags = new LinkedHashMap<>();
    putIfSet(flags, Setting.STORE, store);
    putIfSet(flags, Setting.DATA_DIR, dataDir);
    putIfSet(flags, Setting.DATABASE_URL, databaseUrl);
    putIfSet(flags, Setting.SCHEMA, schema);
    putIfSet(flags, Setting.REDIS_URL, redisUrl);
    return flags;
  }

  private static void putIfSet(Map<Setting<?>, String> flags, Setting<?> setting, String value) {
    if (value != null) {
      flags.put(setting, value);
    }
  }

  private static boolean storeInEnvironment(Map<String, String> env) {
    for (Setting<?> setting : List.of(Setting.STORE, Setting.DATABASE_URL, Setting.REDIS_URL)) {
      if (env.containsKey(setting.droverEnv())
          || (setting.conventionalEnv() != null && env.containsKey(setting.conventionalEnv()))) {
        return true;
      }
    }
    return false;
  }
}
