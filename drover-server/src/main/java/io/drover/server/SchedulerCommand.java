package io.drover.server;

import io.drover.server.config.SettingOptions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code drover scheduler}: fires due schedules as a process of its own, with no HTTP API and no
 * workers, until SIGTERM or Ctrl-C. Run several for availability: each fire still makes one job.
 */
@Command(
    name = "scheduler",
    mixinStandardHelpOptions = true,
    modelTransformer = WorkerCommand.Options.class,
    description = {
      "Fires due schedules (and applies --schedules FILE at start) with no HTTP API and no"
          + " workers, until SIGTERM or Ctrl-C. Any number may run on one store.",
      SettingOptions.READ_AS_SERVER,
      ""
    })
final class SchedulerCommand implements Callable<Integer>, ProcessCommand {
  @Spec private CommandSpec spec;

  private final Map<String, String> env;

  SchedulerCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    return HeadlessProcess.run(
        spec, env, ServerOptions.defaults().withWorkers(false).withMaintenance(false));
  }
}
