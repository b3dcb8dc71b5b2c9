package io.drover.server.config;

import io.drover.Bounds;
import io.drover.runtime.WorkerConfig;
import io.drover.store.QueuePattern;
import java.time.Duration;
import java.util.List;

/**
 * The in-process worker pool: what it claims, how many jobs it runs at once, and where the built-in
 * {@code http} kind may call.
 *
 * @param queues what the pool claims from. Default: {@code *}.
 * @param concurrency handlers running at once in this process. Default: 10.
 * @param lease how long a claim holds without a heartbeat. Default: 60 s.
 * @param pollInterval how often idle workers look for jobs on SQLite (see {@link
 *     io.drover.runtime.WorkerConfig#pollInterval()}). Default: 500 ms.
 * @param shutdownGrace how long running jobs may finish on shutdown. Default: 30 s.
 * @param httpAllowHosts hosts (or globs) the {@code http} kind may call. Default: loopback.
 */
public record WorkerSettings(
    List<QueuePattern> queues,
    int concurrency,
    Duration lease,
    Duration pollInterval,
    Duration shutdownGrace,
    List<String> httpAllowHosts) {

  public static final List<QueuePattern> DEFAULT_QUEUES = List.of(QueuePattern.of("*"));
  public static final int DEFAULT_CONCURRENCY = WorkerConfig.DEFAULT_CONCURRENCY;
  public static final Duration DEFAULT_LEASE = WorkerConfig.DEFAULT_LEASE;
  public static final Duration DEFAULT_POLL_INTERVAL = WorkerConfig.DEFAULT_POLL_INTERVAL;
  public static final Duration DEFAULT_SHUTDOWN_GRACE = WorkerConfig.DEFAULT_SHUTDOWN_GRACE;

  /**
   * Loopback only: an API client must not make the server call into the network it sits in
   * (server-side request forgery) unless an operator said which hosts are fine.
   */
  public static final List<String> DEFAULT_HTTP_ALLOW_HOSTS =
      List.of("localhost", "127.0.0.1", "::1");

  public WorkerSettings {
    queues = List.copyOf(queues);
    if (queues.isEmpty()) {
      throw new ConfigException("queues", "must name at least one queue or glob such as *");
    }
    Checks.range("concurrency", concurrency, 1, Bounds.MAX_CONCURRENCY);
    Checks.between("lease", lease, Bounds.MIN_LEASE, Bounds.MAX_LEASE);
    Checks.between(
        "pollInterval", pollInterval, Bounds.MIN_POLL_INTERVAL, Bounds.MAX_POLL_INTERVAL);
    Checks.between("shutdownGrace", shutdownGrace, Duration.ZERO, Bounds.MAX_SHUTDOWN_GRACE);
    httpAllowHosts = List.copyOf(httpAllowHosts);
  }

  static WorkerSettings from(SettingValues settings) {
    return new WorkerSettings(
        settings.get(Setting.QUEUES),
        settings.get(Setting.CONCURRENCY),
        settings.get(Setting.LEASE),
        settings.get(Setting.POLL_INTERVAL),
        settings.get(Setting.SHUTDOWN_GRACE),
        settings.get(Setting.HTTP_ALLOW_HOSTS));
  }

  /** The worker pool these settings describe. */
  public WorkerConfig workerConfig() {
    return WorkerConfig.builder()
        .queues(queues)
        .concurrency(concurrency)
        .lease(lease)
        .pollInterval(pollInterval)
        .shutdownGrace(shutdownGrace)
        .build();
  }
}
