package io.drover.server.config;

import io.drover.server.Durations;

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
      "PostgreSQL URL; when set and no store is named, the store is postgres. Default: none."),
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
      null,
      "ADDRESS",
      "Address the HTTP API listens on. Default: " + ServerConfig.DEFAULT_HOST + "."),
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
      "TRACE, DEBUG, INFO, WARN, ERROR or OFF. Default: " + ServerConfig.DEFAULT_LOG_LEVEL + ".");

  private final String key;
  private final String flag;
  private final String droverEnv;
  private final String conventionalEnv;
  private final String paramLabel;
  private final String description;

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

  /** How the value is shown in help, e.g. {@code MS}: a bare number is in this unit. */
  public String paramLabel() {
    return paramLabel;
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
