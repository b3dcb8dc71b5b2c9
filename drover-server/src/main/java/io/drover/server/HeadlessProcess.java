package io.drover.server;

import io.drover.Drover;
import io.drover.runtime.JobListener;
import io.drover.server.config.ConfigLoader;
import io.drover.server.config.ServerConfig;
import io.drover.server.config.SettingOptions;
import io.drover.server.store.StoreChoice;
import io.drover.server.store.StoreFactory;
import io.drover.store.JobStore;
import java.time.InstantSource;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a role of the jar that has no HTTP API ({@code drover worker}, {@code drover scheduler})
 * until SIGTERM or Ctrl-C: settings read as the server reads them, the store opened, the engine
 * started with the given parts switched on.
 */
final class HeadlessProcess {
  private HeadlessProcess() {}

  /**
   * @return the process's exit status once a signal stopped it; what keeps it from starting is
   *     thrown, for {@link CommandFailures} to say
   */
  static int run(CommandSpec spec, Map<String, String> env, ServerOptions parts)
      throws InterruptedException {
    InstantSource clock = InstantSource.system();
    ServerConfig config =
        ConfigLoader.load(SettingOptions.given(spec.commandLine().getParseResult()), env);
    Logging.apply(config.log().level(), config.log().format());
    JobStore store = StoreFactory.openWhenUp(StoreChoice.of(config), clock, null, () -> {});
    Drover drover = Engine.build(config, store, clock, JobListener.NONE, parts, null);
    if (parts.scheduler()) {
      SchedulesAtStart.apply(config, store, clock);
      LimitsAtStart.apply(config, store);
    }
    drover.start();
    UntilSignal.await(drover::close);
    return 0;
  }
}
