package io.drover.server;

import io.drover.Drover;
import io.drover.server.config.ServerConfig;
import io.drover.server.http.HttpApi;
import io.drover.server.metrics.Metrics;
import io.drover.store.JobStore;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: the HTTP API in front of a {@link Drover} with the built-in kinds and, unless
 * switched off, an in-process worker pool and maintenance. It owns the store it is given and closes
 * it on {@link #close()}.
 */
public final class DroverServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DroverServer.class);

  private final Drover drover;
  private final Javalin http;
  private final Metrics metrics;
  private final Duration shutdownGrace;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DroverServer(Drover drover, Javalin http, Metrics metrics, Duration shutdownGrace) {
    this.drover = drover;
    this.http = http;
    this.metrics = metrics;
    this.shutdownGrace = shutdownGrace;
  }

  /**
   * Starts listening, then starts the workers, so a server that cannot bind its port has claimed no
   * job. The caller has checked the address against the tokens ({@link
   * io.drover.server.auth.LoopbackGuard}).
   *
   * @throws RuntimeException when the port cannot be bound; the store is closed by then
   */
  public static DroverServer start(
      ServerConfig config, ServerOptions options, JobStore store, InstantSource clock) {
    return start(config, options, store, clock, Metrics.newRegistry());
  }

  /**
   * {@link #start(ServerConfig, ServerOptions, JobStore, InstantSource)} with the registry the
   * store was opened with ({@link io.drover.server.store.StoreFactory}), so {@code /metrics} shows
   * what the store reports to it; the server closes it.
   */
  public static DroverServer start(
      ServerConfig config,
      ServerOptions options,
      JobStore store,
      InstantSource clock,
      PrometheusMeterRegistry registry) {
    return start(config, options, store, clock, registry, config.http().port());
  }

  /** With the API on {@code port} rather than the config's. */
  static DroverServer start(
      ServerConfig config,
      ServerOptions options,
      JobStore store,
      InstantSource clock,
      PrometheusMeterRegistry registry,
      int port) {
    Metrics metrics = new Metrics(registry, store, clock);
    // Only a process serving the API takes producers' jobs, so only it keeps a spool.
    Drover drover =
        Engine.build(
            config,
            store,
            clock,
            metrics.jobs(),
            options,
            config.spoolConfig(store.name()).orElse(null));
    try {
      SchedulesAtStart.apply(config, store, clock);
      LimitsAtStart.apply(config, store);
    } catch (RuntimeException e) {
      drover.close();
      metrics.close();
      throw e;
    }
    drover.workers().ifPresent(metrics::watch);
    drover.spool().ifPresent(metrics::watch);
    Javalin http =
        HttpApi.create(drover, config, options.tokens(), metrics, options.extraChecks(), clock);
    try {
      http.start(config.http().host(), port);
    } catch (RuntimeException e) {
      drover.close();
      metrics.close();
      throw e;
    }
    drover.start();
    log.atInfo()
        .setMessage("listening on http://{}:{}")
        .addArgument(config.http().host())
        .addArgument(http.port())
        .addKeyValue("auth", options.tokens().current().enabled() ? "tokens" : "off")
        .addKeyValue("tokens", options.tokens().current().size())
        .addKeyValue("api_rate", config.http().apiRate())
        .addKeyValue("workers", options.workers())
        .addKeyValue("maintenance", options.maintenance())
        .addKeyValue("scheduler", options.scheduler() && store.supportsSchedules())
        .log();
    return new DroverServer(drover, http, metrics, config.worker().shutdownGrace());
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
    metrics.close();
    log.info("stopped");
  }
}
