package io.drover.server;

import io.drover.Drover;
import io.drover.runtime.JobListener;
import io.drover.server.config.ServerConfig;
import io.drover.server.kinds.HostAllowList;
import io.drover.server.kinds.HttpHandler;
import io.drover.server.kinds.NoopHandler;
import io.drover.server.kinds.SleepHandler;
import io.drover.spool.SpoolConfig;
import io.drover.store.JobStore;
import java.time.InstantSource;

/**
 * The {@link Drover} a server or worker process runs: the store, the settings' worker pool and job
 * defaults, and the built-in kinds, so both roles of the jar run the same jobs the same way.
 */
final class Engine {
  private Engine() {}

  /**
   * @param spool the producers' spool, or null: only a process serving the API keeps one
   */
  static Drover build(
      ServerConfig config,
      JobStore store,
      InstantSource clock,
      JobListener listener,
      ServerOptions options,
      SpoolConfig spool) {
    return Drover.builder()
        .store(store)
        .clock(clock)
        .handler(NoopHandler.KIND, new NoopHandler())
        .handler(SleepHandler.KIND, new SleepHandler())
        .handler(
            HttpHandler.KIND,
            new HttpHandler(new HostAllowList(config.worker().httpAllowHosts()), clock))
        .worker(config.worker().workerConfig())
        .workers(options.workers())
        .maintenance(options.maintenance())
        .scheduler(options.scheduler() && store.supportsSchedules())
        .jobDefaults(config.jobs().jobDefaults())
        .listener(listener)
        .spool(spool)
        .build();
  }
}
