package io.drover.server;

import io.drover.Drover;
import io.drover.runtime.WorkerConfig;
import io.drover.server.config.ServerConfig;
import io.drover.server.http.HttpApi;
import io.drover.server.kinds.NoopHandler;
import io.drover.server.kinds.SleepHandler;
import io.drover.store.JobStore;
import io.javalin.Javalin;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: the HTTP API in front of a {@link Drover} with an in-process worker pool and
 * the built-in kinds. It owns the store it is given and closes it on {@link #close()}.
 */
public final class DroverServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DroverServer.class);

  private final Drover drover;
  private final Javalin http;
  private final Duration shutdownGrace;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DroverServer(Drover drover, Javalin http, Duration shutdownGrace) {
    this.drover = drover;
    this.http = http;
    this.shutdownGrace = shutdownGrace;
  }

  /**
   * Starts listening, then starts the workers, so a server that cannot bind its port has claimed no
   * job.
   *
   * @throws RuntimeException when the port cannot be bound; the store is closed by then
   */
  public static DroverServer start(ServerConfig config, JobStore store, InstantSource clock) {
    WorkerConfig workers = config.workerConfig();
    Drover drover =
        Drover.builder()
            .store(store)
            .clock(clock)
            .handler(NoopHandler.KIND, new NoopHandler())
            .handler(SleepHandler.KIND, new SleepHandler())
            .worker(workers)
            .jobDefaults(config.jobDefaults())
            .build();
    Javalin http = HttpApi.create(drover, config.maxPayloadBytes(), clock);
    try {
      http.start(config.host(), config.port());
    } catch (RuntimeException e) {
      drover.close();
      throw e;
    }
    drover.start();
    log.info("listening on http://{}:{}", config.host(), http.port());
    return new DroverServer(drover, http, workers.shutdownGrace());
  }

  /** The port the API listens on (the one picked when the config said 0). */
  public int port() {
    return http.port();
  }

  public Drover drover() {
    return drover;
  }

  /**
   * Stops taking requests, then stops the workers gracefully (running jobs get the shutdown grace,
   * then are released without using an attempt), then closes the store. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("stopping: http");
    http.stop();
    log.info("stopping: workers (running jobs get up to {})", Durations.format(shutdownGrace));
    drover.close();
    log.info("stopped");
  }
}
