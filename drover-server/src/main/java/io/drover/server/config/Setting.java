package io.drover.server.config;

import io.drover.server.Durations;
import io.drover.store.jdbc.PostgresConfig;
import io.drover.store.redis.RedisTimeouts;

/**
 * Every setting of {@code drover server} and the names it goes by: one flag, one {@code DROVER_*}
 * variable and, where operators already have one, the conventional variable (DESIGN §6). The flags
 * and their help are generated from this table, so a setting is added in one place.
 */
public enum Setting {
  STORE(
      "store",
      "--store",
      "DROVER_STORE",
      null,
      "NAME",
      "Store: memory, sqlite, postgres or redis. Default: postgres if DATABASE_URL is set, redis"
          + " if REDIS_URL is set, else sqlite."),
  DATABASE_URL(
      "databaseUrl",
      "--database-url",
      "DROVER_DATABASE_URL",
      "DATABASE_URL",
      "URL",
      "PostgreSQL URL (postgres://user:pass@host:port/db?sslmode=... or jdbc:postgresql://...);"
          + " when set and no store is named, the store is postgres. Default: none."),
  POOL_SIZE(
      "poolSize",
      "--pool-size",
      "DROVER_POOL_SIZE",
      null,
      "N",
      "PostgreSQL connections this process pools (one more listens for wake-ups). Default: "
          + PostgresConfig.DEFAULT_POOL_SIZE
          + "."),
  SCHEMA(
      "schema",
      "--schema",
      "DROVER_SCHEMA",
      null,
      "NAME",
      "PostgreSQL schema holding Drover's tables; the first migration creates it. Default: "
          + PostgresConfig.DEFAULT_SCHEMA
          + "."),
  MIGRATE(
      "migrate",
      "--no-migrate",
      "DROVER_MIGRATE",
      "false",
      "Do not apply PostgreSQL migrations at start (DROVER_MIGRATE=false does the same); start"
          + " only if none is pending, leaving them to `drover migrate`. Default: migrate."),
  POOL_TIMEOUT(
      "poolTimeout",
      "--pool-timeout",
      "DROVER_POOL_TIMEOUT_MS",
      null,
      "MS",
      "How long a PostgreSQL call waits for a pooled connection before it fails as unavailable."
          + " Default: "
          + Durations.format(PostgresConfig.DEFAULT_CONNECTION_TIMEOUT)
          + "."),
  STATEMENT_TIMEOUT(
      "statementTimeout",
      "--statement-timeout",
      "DROVER_STATEMENT_TIMEOUT_MS",
      null,
      "MS",
      "PostgreSQL cancels a statement of Drover's that runs longer (statement_timeout);"
          + " migrations and VACUUM are exempt. Default: "
          + Durations.format(PostgresConfig.DEFAULT_STATEMENT_TIMEOUT)
          + "."),
  SOCKET_TIMEOUT(
      "socketTimeout",
      "--socket-timeout",
      "DROVER_SOCKET_TIMEOUT_MS",
      null,
      "MS",
      "A PostgreSQL connection that hears nothing from the server this long is dropped and the"
          + " call fails as unavailable (a black-holed network); longer than the statement"
          + " timeout. Default: "
          + Durations.format(PostgresConfig.DEFAULT_SOCKET_TIMEOUT)
          + "."),
  CONNECT_TIMEOUT(
      "connectTimeout",
      "--connect-timeout",
      "DROVER_CONNECT_TIMEOUT_MS",
      null,
      "MS",
      "How long opening a connection to PostgreSQL or Redis may take. Default: "
          + Durations.format(PostgresConfig.DEFAULT_CONNECT_TIMEOUT)
          + "."),
  REDIS_TIMEOUT(
      "redisTimeout",
      "--redis-timeout",
      "DROVER_REDIS_TIMEOUT_MS",
      null,
      "MS",
      "How long a Redis call waits for its answer before it fails as unavailable; a ?timeout= in"
          + " the Redis URL wins. Default: "
          + Durations.format(RedisTimeouts.DEFAULT_COMMAND)
          + "."),
  REDIS_URL(
      "redisUrl",
      "--redis-url",
      "DROVER_REDIS_URL",
      "REDIS_URL",
      "URL",
      "Redis URL; when set and no store is named, the store is redis. Default: none."),
  DATA_DIR(
      "dataDir",
      "--data-dir",
      "DROVER_DATA_DIR",
      null,
      "DIR",
      "Directory of the embedded SQLite file drover.db. Default: "
          + ServerConfig.DEFAULT_DATA_DIR
          + " (under the working directory)."),
  HOST(
      "host",
      "--host",
      "DROVER_HOST",
      "HOST",
      "ADDRESS",
      "Address the HTTP API listens on; anything but loopback needs --tokens-file. Default: "
          + ServerConfig.DEFAULT_HOST
          + "."),
  PORT(
      "port",
      "--port",
      "DROVER_PORT",
      "PORT",
      "PORT",
      "HTTP port; 0 picks a free one. Default: " + ServerConfig.DEFAULT_PORT + "."),
  CONCURRENCY(
      "concurrency",
      "--concurrency",
      "DROVER_CONCURRENCY",
      "WORKER_CONCURRENCY",
      "N",
      "Handlers the in-process worker pool runs at once. Default: "
          + ServerConfig.DEFAULT_CONCURRENCY
          + "."),
  LEASE(
      "lease",
      "--lease",
      "DROVER_LEASE_SECONDS",
      "WORKER_LEASE_SECONDS",
      "SECONDS",
      "How long a claimed job stays with its worker without a heartbeat (heartbeats every"
          + " third of it). Default: "
          + Durations.format(ServerConfig.DEFAULT_LEASE)
          + "."),
  POLL_INTERVAL(
      "pollInterval",
      "--poll-interval",
      "DROVER_POLL_INTERVAL_MS",
      "WORKER_POLL_INTERVAL",
      "MS",
      "How often an idle worker looks for jobs when no wake-up arrives. Default: "
          + Durations.format(ServerConfig.DEFAULT_POLL_INTERVAL)
          + "."),
  MAX_ATTEMPTS(
      "maxAttempts",
      "--max-attempts",
      "DROVER_MAX_ATTEMPTS",
      "WORKER_MAX_RETRIES",
      "N",
      "Attempts a job gets unless it says otherwise. Default: "
          + ServerConfig.DEFAULT_MAX_ATTEMPTS
          + "."),
  BACKOFF_BASE(
      "backoffBase",
      "--backoff-base",
      "DROVER_BACKOFF_BASE_MS",
      "RETRY_BACKOFF_MS",
      "MS",
      "Ceiling of the first retry delay; it doubles per attempt, with full jitter. Default: "
          + Durations.format(ServerConfig.DEFAULT_BACKOFF_BASE)
          + "."),
  BACKOFF_MAX(
      "backoffMax",
      "--backoff-max",
      "DROVER_BACKOFF_MAX_MS",
      "WORKER_BACKOFF_MAX_DELAY",
      "MS",
      "Cap on any retry delay. Default: "
          + Durations.format(ServerConfig.DEFAULT_BACKOFF_MAX)
          + "."),
  JOB_TIMEOUT(
      "jobTimeout",
      "--job-timeout",
      "DROVER_JOB_TIMEOUT_MS",
      "STEP_TIMEOUT_MS",
      "MS",
      "How long one attempt may run before it is interrupted, unless the job says otherwise."
          + " Default: "
          + Durations.format(ServerConfig.DEFAULT_JOB_TIMEOUT)
          + "."),
  SHUTDOWN_GRACE(
      "shutdownGrace",
      "--shutdown-grace",
      "DROVER_SHUTDOWN_GRACE_MS",
      null,
      "MS",
      "On SIGTERM, how long running jobs may finish before they are released to other workers."
          + " Default: "
          + Durations.format(ServerConfig.DEFAULT_SHUTDOWN_GRACE)
          + "."),
  MAX_PAYLOAD_BYTES(
      "maxPayloadBytes",
      "--max-payload-bytes",
      "DROVER_MAX_PAYLOAD_BYTES",
      null,
      "BYTES",
      "Largest job payload the API accepts, in UTF-8 bytes of JSON (at most 1 MiB). Default: "
          + ServerConfig.DEFAULT_MAX_PAYLOAD_BYTES
          + "."),
  LOG_LEVEL(
      "logLevel",
      "--log-level",
      "DROVER_LOG_LEVEL",
      "LOG_LEVEL",
      "LEVEL",
      "TRACE, DEBUG, INFO, WARN, ERROR or OFF. Default: " + ServerConfig.DEFAULT_LOG_LEVEL + "."),
  LOG_FORMAT(
      "logFormat",
      "--log-format",
      "DROVER_LOG_FORMAT",
      "LOG_FORMAT",
      "FORMAT",
      "text (one line per event, key=value fields) or json (one JSON object per line). Default: "
          + ServerConfig.DEFAULT_LOG_FORMAT
          + "."),
  QUEUES(
      "queues",
      "--queues",
      "DROVER_QUEUES",
      null,
      "PATTERNS",
      "Queues the worker pool takes jobs from: comma-separated names or globs such as scrape.*."
          + " Default: * (every queue)."),
  MISFIRE_GRACE(
      "misfireGrace",
      "--misfire-grace",
      "DROVER_MISFIRE_GRACE_SECONDS",
      "SCHEDULER_MISFIRE_GRACE_TIME",
      "SECONDS",
      "How late a schedule's fire may be and still count as on time, for schedules that do not"
          + " say. Default: "
          + Durations.format(ServerConfig.DEFAULT_MISFIRE_GRACE)
          + "."),
  TIMEZONE(
      "timezone",
      "--timezone",
      "DROVER_TIMEZONE",
      "TZ",
      "ZONE",
      "IANA time zone that cron schedules without a timezone are read in. Default: UTC."),
  SCHEDULES_FILE(
      "schedulesFile",
      "--schedules",
      "DROVER_SCHEDULES_FILE",
      null,
      "FILE",
      "YAML or JSON file of schedules applied at start: each is created or updated. Default:"
          + " none."),
  PRUNE_SCHEDULES(
      "pruneSchedules",
      "--prune-schedules",
      "DROVER_PRUNE_SCHEDULES",
      "true",
      "With --schedules, also delete the schedules the file does not name. Default: keep them."),
  TOKENS_FILE(
      "tokensFile",
      "--tokens-file",
      "DROVER_TOKENS_FILE",
      null,
      "FILE",
      "JSON file of API tokens (make entries with drover tokens create). Without it the API has no"
          + " auth and listens on loopback only. Default: none."),
  CORS_ORIGINS(
      "corsOrigins",
      "--cors-origins",
      "DROVER_CORS_ORIGINS",
      null,
      "ORIGINS",
      "Comma-separated browser origins allowed to call the API, e.g. https://ops.example.com, or *."
          + " Default: none (CORS off)."),
  BACKLOG_WARN(
      "backlogWarn",
      "--backlog-warn",
      "DROVER_BACKLOG_WARN",
      null,
      "N",
      "Waiting jobs in one queue above which /health/comprehensive reports degraded. Default: "
          + ServerConfig.DEFAULT_BACKLOG_WARN
          + "."),
  OLDEST_AGE_WARN(
      "oldestAgeWarn",
      "--oldest-age-warn",
      "DROVER_OLDEST_AGE_WARN_SECONDS",
      null,
      "SECONDS",
      "How long a queue's oldest due job may wait before /health/comprehensive reports degraded."
          + " Default: "
          + Durations.format(ServerConfig.DEFAULT_OLDEST_AGE_WARN)
          + "."),
  HTTP_ALLOW_HOSTS(
      "httpAllowHosts",
      "--http-allow-hosts",
      "DROVER_HTTP_ALLOW_HOSTS",
      null,
      "HOSTS",
      "Hosts the built-in http kind may call: comma-separated names, IP addresses or globs such as"
          + " *.example.com; * allows any. Default: "
          + String.join(",", ServerConfig.DEFAULT_HTTP_ALLOW_HOSTS)
          + " (loopback only)."),
  SPOOL(
      "spool",
      "--spool",
      "DROVER_SPOOL",
      null,
      "MODE",
      "on, off or auto: keep enqueues in a durable local spool while the store is unreachable, and"
          + " forward them when it answers (the API answers 202 with spooled: true). Default: auto"
          + " (on for postgres and redis, off for the embedded stores)."),
  SPOOL_DIR(
      "spoolDir",
      "--spool-dir",
      "DROVER_SPOOL_DIR",
      null,
      "DIR",
      "Directory of the spool's journal files; processes sharing it forward each other's leftovers."
          + " Default: spool under the data directory."),
  SPOOL_MAX_JOBS(
      "spoolMaxJobs",
      "--spool-max-jobs",
      "DROVER_SPOOL_MAX_JOBS",
      null,
      "N",
      "Jobs the spool holds; beyond, enqueues get 503 with Retry-After. Default: "
          + io.drover.spool.SpoolConfig.DEFAULT_MAX_JOBS
          + "."),
  SPOOL_MAX_BYTES(
      "spoolMaxBytes",
      "--spool-max-bytes",
      "DROVER_SPOOL_MAX_BYTES",
      null,
      "BYTES",
      "Bytes of spooled jobs the spool holds; beyond, enqueues get 503 with Retry-After. Default: "
          + io.drover.spool.SpoolConfig.DEFAULT_MAX_BYTES
          + " (256 MiB).");

  private final String key;
  private final String flag;
  private final String droverEnv;
  private final String conventionalEnv;
  private final String paramLabel;
  private final String switchValue;
  private final String description;

  /** A setting whose flag takes a value. */
  Setting(
      String key,
      String flag,
      String droverEnv,
      String conventionalEnv,
      String paramLabel,
      String description) {
    this.key = key;
    this.flag = flag;
    this.droverEnv = droverEnv;
    this.conventionalEnv = conventionalEnv;
    this.paramLabel = paramLabel;
    this.switchValue = null;
    this.description = description;
  }

  /** A setting whose flag takes no value: giving it means {@code switchValue}. */
  Setting(String key, String flag, String droverEnv, String switchValue, String description) {
    this.key = key;
    this.flag = flag;
    this.droverEnv = droverEnv;
    this.conventionalEnv = null;
    this.paramLabel = null;
    this.switchValue = switchValue;
    this.description = description;
  }

  /** The {@link ServerConfig} component this setting fills. */
  public String key() {
    return key;
  }

  public String flag() {
    return flag;
  }

  public String droverEnv() {
    return droverEnv;
  }

  /** The variable operators already set for this (DESIGN §6), or null when there is none. */
  public String conventionalEnv() {
    return conventionalEnv;
  }

  /**
   * How the value is shown in help, e.g. {@code MS}: a bare number is in this unit; null for a
   * switch.
   */
  public String paramLabel() {
    return paramLabel;
  }

  /** What giving the flag means when it takes no value, e.g. {@code false}; else null. */
  public String switchValue() {
    return switchValue;
  }

  /** One or two sentences ending in "Default: …". */
  public String description() {
    return description;
  }

  /** The setting filling {@code key}, for reporting where a bad value came from. */
  static Setting byKey(String key) {
    for (Setting setting : values()) {
      if (setting.key.equals(key)) {
        return setting;
      }
    }
    throw new IllegalArgumentException("no setting fills " + key);
  }
}
