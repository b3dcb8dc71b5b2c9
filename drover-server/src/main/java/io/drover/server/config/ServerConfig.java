package io.drover.server.config;

import io.drover.Backoff;
import io.drover.JobDefaults;
import io.drover.JobSpec;
import io.drover.runtime.WorkerConfig;
import io.drover.server.store.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Everything {@code drover server} needs to start, validated as a whole. Build it with {@link
 * ConfigLoader}, which knows where each value comes from; the constructor names the component that
 * is wrong.
 *
 * @param store the store asked for, or null to choose from the URLs (DESIGN §6). Default: null.
 * @param databaseUrl a PostgreSQL URL, or null. Default: null.
 * @param redisUrl a Redis URL, or null. Default: null.
 * @param dataDir where the embedded SQLite file lives. Default: {@code ./drover-data}.
 * @param host the HTTP listen address. Default: 127.0.0.1 (loopback, DESIGN §8).
 * @param port the HTTP port, 0 for any free one. Default: 8080.
 * @param concurrency handlers running at once in this process. Default: 10.
 * @param lease how long a claim holds without a heartbeat. Default: 60 s.
 * @param pollInterval how often idle workers look for jobs. Default: 500 ms.
 * @param maxAttempts attempts per job unless the job says otherwise. Default: 3.
 * @param backoffBase ceiling of the first retry delay. Default: 5 s.
 * @param backoffMax cap on any retry delay. Default: 60 s.
 * @param jobTimeout how long one attempt may run unless the job says otherwise. Default: 30 s.
 * @param shutdownGrace how long running jobs may finish on shutdown. Default: 30 s.
 * @param maxPayloadBytes largest payload the API accepts. Default: 1 MiB.
 * @param logLevel the root log level, upper case. Default: INFO.
 */
public record ServerConfig(
    StoreKind store,
    String databaseUrl,
    String redisUrl,
    Path dataDir,
    String host,
    int port,
    int concurrency,
    Duration lease,
    Duration pollInterval,
    int maxAttempts,
    Duration backoffBase,
    Duration backoffMax,
    Duration jobTimeout,
    Duration shutdownGrace,
    int maxPayloadBytes,
    String logLevel) {

  public static final Path DEFAULT_DATA_DIR = Path.of("./drover-data");
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_CONCURRENCY = WorkerConfig.DEFAULT_CONCURRENCY;
  public static final Duration DEFAULT_LEASE = WorkerConfig.DEFAULT_LEASE;
  public static final Duration DEFAULT_POLL_INTERVAL = WorkerConfig.DEFAULT_POLL_INTERVAL;
  public static final int DEFAULT_MAX_ATTEMPTS = JobDefaults.DEFAULT_MAX_ATTEMPTS;
  public static final Duration DEFAULT_BACKOFF_BASE = Backoff.DEFAULT.base();
  public static final Duration DEFAULT_BACKOFF_MAX = Backoff.DEFAULT.max();
  public static final Duration DEFAULT_JOB_TIMEOUT = JobDefaults.DEFAULT_TIMEOUT;
  public static final Duration DEFAULT_SHUTDOWN_GRACE = WorkerConfig.DEFAULT_SHUTDOWN_GRACE;
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = JobSpec.DEFAULT_MAX_PAYLOAD_BYTES;
  public static final String DEFAULT_LOG_LEVEL = "INFO";

  /** The smallest payload there is: {@code {}}. */
  public static final int MIN_PAYLOAD_BYTES = 2;

  /** {@link JobSpec} refuses payloads over 1 MiB whatever the server says, so it can only lower. */
  public static final int MAX_PAYLOAD_BYTES = JobSpec.DEFAULT_MAX_PAYLOAD_BYTES;

  public static final List<String> LOG_LEVELS =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  public ServerConfig {
    if (dataDir == null) {
      throw new ConfigException("dataDir", "must be set");
    }
    if (host == null || host.isBlank()) {
      throw new ConfigException("host", "must not be empty");
    }
    checkRange("port", port, 0, 65_535);
    checkRange("concurrency", concurrency, 1, WorkerConfig.MAX_CONCURRENCY);
    checkAtLeast("lease", lease, WorkerConfig.MIN_LEASE);
    checkAtLeast("pollInterval", pollInterval, WorkerConfig.MIN_POLL_INTERVAL);
    checkRange("maxAttempts", maxAttempts, 1, JobSpec.MAX_ATTEMPTS_LIMIT);
    checkAtLeast("backoffBase", backoffBase, Duration.ZERO);
    if (backoffMax.compareTo(backoffBase) < 0) {
      throw new ConfigException(
          "backoffMax",
          "must be at least backoffBase (was "
              + backoffMax.toMillis()
              + " ms, base "
              + backoffBase.toMillis()
              + " ms)");
    }
    checkAtLeast("jobTimeout", jobTimeout, Duration.ofMillis(1));
    checkAtLeast("shutdownGrace", shutdownGrace, Duration.ZERO);
    checkRange("maxPayloadBytes", maxPayloadBytes, MIN_PAYLOAD_BYTES, MAX_PAYLOAD_BYTES);
    logLevel = logLevel.toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(logLevel)) {
      throw new ConfigException(
          "logLevel",
          "must be one of " + String.join(", ", LOG_LEVELS) + " (was " + logLevel + ")");
    }
  }

  /** The in-process worker pool these settings describe. */
  public WorkerConfig workerConfig() {
    return WorkerConfig.builder()
        .concurrency(concurrency)
        .lease(lease)
        .pollInterval(pollInterval)
        .shutdownGrace(shutdownGrace)
        .build();
  }

  /** What enqueued jobs get for the options they leave unset. */
  public JobDefaults jobDefaults() {
    return new JobDefaults(
        maxAttempts,
        new Backoff(backoffBase, backoffMax),
        jobTimeout,
        JobDefaults.DEFAULT_DEDUP_WINDOW);
  }

  private static void checkRange(String setting, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(
          setting, "must be between " + min + " and " + max + " (was " + value + ")");
    }
  }

  private static void checkAtLeast(String setting, Duration value, Duration min) {
    if (value.compareTo(min) < 0) {
      throw new ConfigException(
          setting, "must be at least " + min.toMillis() + " ms (was " + value.toMillis() + " ms)");
    }
  }
}
