package io.drover.server;

import io.drover.server.config.Setting;
import io.drover.server.config.SettingOptions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
      SettingOptions.READ_AS_SERVER,
      ""
    })
final class WorkerCommand implements Callable<Integer>, ProcessCommand {
  /** The settings of the HTTP API, which a worker has not. */
  private static final Set<Setting<?>> HTTP_ONLY =
      Set.of(
          Setting.HOST,
          Setting.PORT,
          Setting.MAX_PAYLOAD_BYTES,
          Setting.MAX_RUN_STEPS,
          Setting.TOKENS_FILE,
          Setting.CORS_ORIGINS,
          Setting.API_RATE,
          Setting.BACKLOG_WARN,
          Setting.OLDEST_AGE_WARN);

  @Spec private CommandSpec spec;

  @Mixin private MaintenanceSwitch maintenance;

  private final Map<String, String> env;

  WorkerCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    return HeadlessProcess.run(
        spec,
        env,
        ServerOptions.defaults().withScheduler(false).withMaintenance(maintenance.enabled()));
  }

  /** The server's setting options without those of the HTTP API. */
  public static final class Options extends SettingOptions {
    @Override
    protected boolean takes(Setting<?> setting) {
      return !HTTP_ONLY.contains(setting);
    }
  }
}
