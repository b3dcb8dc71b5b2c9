package io.drover.server;

import io.drover.Drover;
import io.drover.runtime.JobListener;
import io.drover.server.config.ConfigException;
import io.drover.server.config.ConfigLoader;
import io.drover.server.config.ServerConfig;
import io.drover.server.config.Setting;
import io.drover.server.config.SettingOptions;
import io.drover.server.store.StoreChoice;
import io.drover.server.store.StoreFactory;
import io.drover.store.JobStore;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drover worker}: a worker pool with the built-in kinds as a process of its own, on the same
 * store and settings as {@code drover server} but with no HTTP, until SIGTERM or Ctrl-C. Scale jobs
 * out by running more of them; {@code --queues} gives each a share of the queues.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    modelTransformer = WorkerCommand.Options.class,
    description = {
      "Runs a worker pool (and maintenance) with no HTTP API until SIGTERM or Ctrl-C.",
      "Settings are read as drover server reads them: flag, else DROVER_* variable, else"
          + " conventional variable, else default.",
      ""
    })
final class WorkerCommand implements Callable<Integer> {
  /** The settings of the HTTP API, which a worker has not. */
  private static final Set<Setting> HTTP_ONLY =
      EnumSet.of(
          Setting.HOST,
          Setting.PORT,
          Setting.MAX_PAYLOAD_BYTES,
          Setting.TOKENS_FILE,
          Setting.CORS_ORIGINS,
          Setting.BACKLOG_WARN,
          Setting.OLDEST_AGE_WARN);

  @Spec private CommandSpec spec;

  @Option(
      names = "--no-maintenance",
      description =
          "Leaves reaping expired leases and cleaning up old jobs to other processes (any number"
              + " may do it at once).")
  private boolean noMaintenance;

  private final Map<String, String> env;

  WorkerCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    InstantSource clock = InstantSource.system();
    Drover drover;
    try {
      ServerConfig config =
          ConfigLoader.load(SettingOptions.given(spec.commandLine().getParseResult()), env);
      Logging.apply(config.logLevel(), config.logFormat());
      JobStore store = StoreFactory.open(StoreChoice.of(config), clock);
      drover = Engine.build(config, store, clock, JobListener.NONE, true, !noMaintenance);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("drover: " + e.getMessage());
      return ServerCommand.EXIT_CONFIG;
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("drover: " + e.getMessage());
      return ServerCommand.EXIT_FAILED;
    }
    drover.start();
    UntilSignal.await(drover::close);
    return 0;
  }

  /** The server's setting options without those of the HTTP API. */
  public static final class Options extends SettingOptions {
    @Override
    protected boolean takes(Setting setting) {
      return !HTTP_ONLY.contains(setting);
    }
  }
}
