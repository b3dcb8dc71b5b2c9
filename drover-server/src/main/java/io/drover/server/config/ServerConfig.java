package io.drover.server.config;

import io.drover.Backoff;
import io.drover.Bounds;
import io.drover.JobDefaults;
import io.drover.JobSpec;
import io.drover.runtime.WorkerConfig;
import io.drover.schedule.Schedule;
import io.drover.server.schedule.ScheduleParser;
import io.drover.server.store.StoreKind;
import io.drover.spool.SpoolConfig;
import io.drover.store.QueuePattern;
import io.drover.store.jdbc.PostgresConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything {@code drover server} needs to start, validated as a whole. Build it with {@link
 * ConfigLoader}, which knows where each value comes from; the constructor names the component that
 * is wrong.
 *
 * @param store the store asked for, or null to choose from the URLs (DESIGN §6). Default: null.
 * @param databaseUrl a PostgreSQL URL, or null. Default: null.
 * @param poolSize PostgreSQL connections in this process's pool. Default: 10.
 * @param schema the PostgreSQL schema of Drover's tables. Default: drover.
 * @param migrate whether a PostgreSQL store applies pending migrations at start. Default: true.
 * @param storeTimeouts how long store calls may wait (PostgreSQL and Redis). Default: {@link
 *     StoreTimeouts#DEFAULT}.
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
 * @param logFormat {@code text} or {@code json}. Default: text.
 * @param queues what the worker pool claims from. Default: {@code *}.
 * @param tokensFile the API tokens, or null for no auth (and loopback only). Default: null.
 * @param corsOrigins browser origins allowed to call the API; empty turns CORS off. Default: none.
 * @param backlogWarn waiting jobs per queue above which health is degraded. Default: 10,000.
 * @param oldestAgeWarn oldest due job's wait above which health is degraded. Default: 5 min.
 * @param httpAllowHosts hosts (or globs) the {@code http} kind may call. Default: loopback.
 * @param misfireGrace how late a fire still counts as on time, for schedules that do not say.
 *     Default: 30 s.
 * @param timezone the zone of cron schedules that name none. Default: UTC.
 * @param schedulesFile schedules applied at start, or null. Default: null.
 * @param pruneSchedules whether applying the file deletes schedules it does not name. Default:
 *     false.
 * @param spool {@code on}, {@code off} or {@code auto} (on for postgres and redis). Default: auto.
 * @param spoolDir the spool's directory, or null for {@code spool} under {@code dataDir}. Default:
 *     null.
 * @param spoolMaxJobs jobs the spool holds. Default: 100,000.
 * @param spoolMaxBytes bytes of jobs the spool holds. Default: 256 MiB.
 */
public record ServerConfig(
    StoreKind store,
    String databaseUrl,
    int poolSize,
    String schema,
    boolean migrate,
    StoreTimeouts storeTimeouts,
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
    String logLevel,
    String logFormat,
    List<QueuePattern> queues,
    Path tokensFile,
    List<String> corsOrigins,
    int backlogWarn,
    Duration oldestAgeWarn,
    List<String> httpAllowHosts,
    Duration misfireGrace,
    ZoneId timezone,
    Path schedulesFile,
    boolean pruneSchedules,
    String spool,
    Path spoolDir,
    int spoolMaxJobs,
    long spoolMaxBytes) {

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
  public static final String DEFAULT_LOG_FORMAT = "text";
  public static final List<String> LOG_FORMATS = List.of("text", "json");
  public static final int DEFAULT_BACKLOG_WARN = 10_000;
  public static final Duration DEFAULT_OLDEST_AGE_WARN = Duration.ofMinutes(5);

  /** A queue's oldest job may wait at most a week before health must say so. */
  public static final Duration MAX_OLDEST_AGE_WARN = Duration.ofDays(7);

  /**
   * Loopback only: an API client must not make the server call into the network it sits in
   * (server-side request forgery) unless an operator said which hosts are fine.
   */
  public static final Duration DEFAULT_MISFIRE_GRACE = Schedule.DEFAULT_MISFIRE_GRACE;

  public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("UTC");
  public static final List<String> DEFAULT_HTTP_ALLOW_HOSTS =
      List.of("localhost", "127.0.0.1", "::1");

  /** The smallest payload there is: {@code {}}. */
  public static final int MIN_PAYLOAD_BYTES = 2;

  /** {@link JobSpec} refuses payloads over 1 MiB whatever the server says, so it can only lower. */
  public static final int MAX_PAYLOAD_BYTES = JobSpec.DEFAULT_MAX_PAYLOAD_BYTES;

  public static final List<String> SPOOL_MODES = List.of("on", "off", "auto");

  public static final List<String> LOG_LEVELS =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  public ServerConfig {
    if (dataDir == null) {
      throw new ConfigException("dataDir", "must be set");
    }
    if (storeTimeouts == null) {
      throw new ConfigException("storeTimeouts", "must be set");
    }
    checkRange("poolSize", poolSize, 1, PostgresConfig.MAX_POOL_SIZE);
    if (!PostgresConfig.SCHEMA_NAME.matcher(schema).matches()) {
      throw new ConfigException(
          "schema",
          "must be 1-51 lower-case letters, digits or _, not starting with a digit (was "
              + schema
              + ")");
    }
    if (host == null || host.isBlank()) {
      throw new ConfigException("host", "must not be empty");
    }
    checkRange("port", port, 0, 65_535);
    checkRange("concurrency", concurrency, 1, Bounds.MAX_CONCURRENCY);
    checkBetween("lease", lease, Bounds.MIN_LEASE, Bounds.MAX_LEASE);
    checkBetween("pollInterval", pollInterval, Bounds.MIN_POLL_INTERVAL, Bounds.MAX_POLL_INTERVAL);
    checkRange("maxAttempts", maxAttempts, 1, Bounds.MAX_ATTEMPTS);
    checkBetween("backoffBase", backoffBase, Duration.ZERO, Bounds.MAX_RETRY_DELAY);
    checkBetween("backoffMax", backoffMax, Duration.ZERO, Bounds.MAX_RETRY_DELAY);
    if (backoffMax.compareTo(backoffBase) < 0) {
      throw new ConfigException(
          "backoffMax",
          "must be at least backoffBase (was "
              + backoffMax.toMillis()
              + " ms, base "
              + backoffBase.toMillis()
              + " ms)");
    }
    checkBetween("jobTimeout", jobTimeout, Bounds.MIN_TIMEOUT, Bounds.MAX_TIMEOUT);
    checkBetween("shutdownGrace", shutdownGrace, Duration.ZERO, Bounds.MAX_SHUTDOWN_GRACE);
    checkRange("maxPayloadBytes", maxPayloadBytes, MIN_PAYLOAD_BYTES, MAX_PAYLOAD_BYTES);
    logLevel = logLevel.toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(logLevel)) {
      throw new ConfigException(
          "logLevel",
          "must be one of " + String.join(", ", LOG_LEVELS) + " (was " + logLevel + ")");
    }
    logFormat = logFormat.toLowerCase(Locale.ROOT);
    if (!LOG_FORMATS.contains(logFormat)) {
      throw new ConfigException("logFormat", "must be text or json (was " + logFormat + ")");
    }
    queues = List.copyOf(queues);
    if (queues.isEmpty()) {
      throw new ConfigException("queues", "must name at least one queue or glob such as *");
    }
    corsOrigins = List.copyOf(corsOrigins);
    checkRange("backlogWarn", backlogWarn, 1, Integer.MAX_VALUE);
    checkBetween("oldestAgeWarn", oldestAgeWarn, Duration.ofSeconds(1), MAX_OLDEST_AGE_WARN);
    httpAllowHosts = List.copyOf(httpAllowHosts);
    checkBetween("misfireGrace", misfireGrace, Duration.ZERO, Bounds.MAX_MISFIRE_GRACE);
    spool = spool.toLowerCase(Locale.ROOT);
    if (!SPOOL_MODES.contains(spool)) {
      throw new ConfigException("spool", "must be on, off or auto (was " + spool + ")");
    }
    checkRange("spoolMaxJobs", spoolMaxJobs, 1, Integer.MAX_VALUE);
    if (spoolMaxBytes < SpoolConfig.MIN_BYTES) {
      throw new ConfigException(
          "spoolMaxBytes",
          "must be at least " + SpoolConfig.MIN_BYTES + " (was " + spoolMaxBytes + ")");
    }
  }

  /**
   * The spool a producing process (the API, the CLI talking straight to a store) keeps, if any.
   *
   * @param storeName the store in use, as {@code DROVER_STORE} names it: {@code auto} spools for
   *     the remote ones only, as the embedded ones are unreachable only when the disk is
   */
  public Optional<SpoolConfig> spoolConfig(String storeName) {
    boolean on =
        switch (spool) {
          case "on" -> true;
          case "off" -> false;
          default -> storeName.equals("postgres") || storeName.equals("redis");
        };
    if (!on) {
      return Optional.empty();
    }
    Path directory = spoolDir != null ? spoolDir : dataDir.resolve("spool");
    return Optional.of(new SpoolConfig(directory, spoolMaxJobs, spoolMaxBytes));
  }

  /** Reads schedule definitions with these settings' time zone and misfire grace. */
  public ScheduleParser scheduleParser() {
    return new ScheduleParser(timezone, misfireGrace);
  }

  /** The in-process worker pool these settings describe. */
  public WorkerConfig workerConfig() {
    return WorkerConfig.builder()
        .queues(queues)
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

  private static void checkBetween(String setting, Duration value, Duration min, Duration max) {
    if (value.compareTo(min) < 0) {
      throw new ConfigException(
          setting, "must be at least " + min.toMillis() + " ms (was " + value.toMillis() + " ms)");
    }
    if (value.compareTo(max) > 0) {
      throw new ConfigException(
          setting,
          "must be at most " + Bounds.describe(max) + " (was " + Bounds.describe(value) + ")");
    }
  }
}
