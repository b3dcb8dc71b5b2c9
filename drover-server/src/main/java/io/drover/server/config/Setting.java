package io.drover.server.config;

import io.drover.server.Durations;
import io.drover.server.http.CorsOrigins;
import io.drover.server.kinds.HostAllowList;
import io.drover.server.ratelimit.ApiRates;
import io.drover.server.store.StoreKind;
import io.drover.spool.SpoolConfig;
import io.drover.store.QueuePattern;
import io.drover.store.jdbc.PostgresConfig;
import io.drover.store.redis.RedisConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A setting of {@code drover server}: the names it goes by (one flag, one {@code DROVER_*} variable
 * and, where operators already have one, the conventional variable, DESIGN §6), how its text is
 * read and its default. The flags and their help are generated from this table, so a setting is
 * added in one place.
 *
 * @param <T> what the setting's value is
 */
public final class Setting<T> {
  private static final List<Setting<?>> ALL = new ArrayList<>();

  public static final Setting<StoreKind> STORE =
      define("store", StoreKind::parse, null)
          .flag("--store", "NAME")
          .env("DROVER_STORE")
          .help(
              "Store: memory, sqlite, postgres or redis. Default: postgres if DATABASE_URL"
                  + " is set, redis if REDIS_URL is set, else sqlite.");

  public static final Setting<String> DATABASE_URL =
      define("databaseUrl", SettingParsers::text, null)
          .flag("--database-url", "URL")
          .env("DROVER_DATABASE_URL", "DATABASE_URL")
          .help(
              "PostgreSQL URL (postgres://user:pass@host:port/db?sslmode=... or"
                  + " jdbc:postgresql://...); when set and no store is named, the store is"
                  + " postgres. Default: none.");

  public static final Setting<Integer> POOL_SIZE =
      define("poolSize", SettingParsers::wholeNumber, PostgresConfig.DEFAULT_POOL_SIZE)
          .flag("--pool-size", "N")
          .env("DROVER_POOL_SIZE")
          .help(
              "PostgreSQL connections this process pools (one more listens for wake-ups)."
                  + " Default: "
                  + PostgresConfig.DEFAULT_POOL_SIZE
                  + ".");

  public static final Setting<String> SCHEMA =
      define("schema", SettingParsers::text, PostgresConfig.DEFAULT_SCHEMA)
          .flag("--schema", "NAME")
          .env("DROVER_SCHEMA")
          .help(
              "PostgreSQL schema holding Drover's tables; the first migration creates it."
                  + " Default: "
                  + PostgresConfig.DEFAULT_SCHEMA
                  + ".");

  public static final Setting<Boolean> MIGRATE =
      define("migrate", SettingParsers::trueOrFalse, true)
          .toggle("--no-migrate", "false")
          .env("DROVER_MIGRATE")
          .help(
              "Do not apply PostgreSQL migrations at start (DROVER_MIGRATE=false does the"
                  + " same); start only if none is pending, leaving them to `drover migrate`."
                  + " Default: migrate.");

  public static final Setting<Duration> POOL_TIMEOUT =
      define(
              "poolTimeout",
              SettingParsers.duration(ChronoUnit.MILLIS),
              PostgresConfig.DEFAULT_CONNECTION_TIMEOUT)
          .flag("--pool-timeout", "MS")
          .env("DROVER_POOL_TIMEOUT_MS")
          .help(
              "How long a PostgreSQL call waits for a pooled connection before it fails as"
                  + " unavailable. Default: "
                  + Durations.format(PostgresConfig.DEFAULT_CONNECTION_TIMEOUT)
                  + ".");

  public static final Setting<Duration> STATEMENT_TIMEOUT =
      define(
              "statementTimeout",
              SettingParsers.duration(ChronoUnit.MILLIS),
              PostgresConfig.DEFAULT_STATEMENT_TIMEOUT)
          .flag("--statement-timeout", "MS")
          .env("DROVER_STATEMENT_TIMEOUT_MS")
          .help(
              "PostgreSQL cancels a statement of Drover's that runs longer (statement_timeout);"
                  + " migrations and VACUUM are exempt. Default: "
                  + Durations.format(PostgresConfig.DEFAULT_STATEMENT_TIMEOUT)
                  + ".");

  public static final Setting<Duration> SOCKET_TIMEOUT =
      define(
              "socketTimeout",
              SettingParsers.duration(ChronoUnit.MILLIS),
              PostgresConfig.DEFAULT_SOCKET_TIMEOUT)
          .flag("--socket-timeout", "MS")
          .env("DROVER_SOCKET_TIMEOUT_MS")
          .help(
              "A PostgreSQL connection that hears nothing from the server this long is"
                  + " dropped and the"
                  + " call fails as unavailable (a black-holed network); longer than the statement"
                  + " timeout. Default: "
                  + Durations.format(PostgresConfig.DEFAULT_SOCKET_TIMEOUT)
                  + ".");

  public static final Setting<Duration> CONNECT_TIMEOUT =
      define(
              "connectTimeout",
              SettingParsers.duration(ChronoUnit.MILLIS),
              PostgresConfig.DEFAULT_CONNECT_TIMEOUT)
          .flag("--connect-timeout", "MS")
          .env("DROVER_CONNECT_TIMEOUT_MS")
          .help(
              "How long opening a connection to PostgreSQL or Redis may take. Default: "
                  + Durations.format(PostgresConfig.DEFAULT_CONNECT_TIMEOUT)
                  + ".");

  public static final Setting<Duration> REDIS_TIMEOUT =
      define(
              "redisTimeout",
              SettingParsers.duration(ChronoUnit.MILLIS),
              RedisConfig.DEFAULT_COMMAND_TIMEOUT)
          .flag("--redis-timeout", "MS")
          .env("DROVER_REDIS_TIMEOUT_MS")
          .help(
              "How long a Redis call waits for its answer before it fails as unavailable;"
                  + " a ?timeout= in the Redis URL wins. Default: "
                  + Durations.format(RedisConfig.DEFAULT_COMMAND_TIMEOUT)
                  + ".");

  public static final Setting<String> REDIS_URL =
      define("redisUrl", SettingParsers::text, null)
          .flag("--redis-url", "URL")
          .env("DROVER_REDIS_URL", "REDIS_URL")
          .help(
              "Redis URL; when set and no store is named, the store is redis. Default:" + " none.");

  public static final Setting<Path> DATA_DIR =
      define("dataDir", SettingParsers::path, StoreSettings.DEFAULT_DATA_DIR)
          .flag("--data-dir", "DIR")
          .env("DROVER_DATA_DIR")
          .help(
              "Directory of the embedded SQLite file drover.db. Default: "
                  + StoreSettings.DEFAULT_DATA_DIR
                  + " (under the working directory).");

  public static final Setting<String> HOST =
      define("host", SettingParsers::text, HttpSettings.DEFAULT_HOST)
          .flag("--host", "ADDRESS")
          .env("DROVER_HOST", "HOST")
          .help(
              "Address the HTTP API listens on; anything but loopback needs --tokens-file."
                  + " Default: "
                  + HttpSettings.DEFAULT_HOST
                  + ".");

  public static final Setting<Integer> PORT =
      define("port", SettingParsers::wholeNumber, HttpSettings.DEFAULT_PORT)
          .flag("--port", "PORT")
          .env("DROVER_PORT", "PORT")
          .help("HTTP port; 0 picks a free one. Default: " + HttpSettings.DEFAULT_PORT + ".");

  public static final Setting<Integer> CONCURRENCY =
      define("concurrency", SettingParsers::wholeNumber, WorkerSettings.DEFAULT_CONCURRENCY)
          .flag("--concurrency", "N")
          .env("DROVER_CONCURRENCY", "WORKER_CONCURRENCY")
          .help(
              "Handlers the in-process worker pool runs at once. Default: "
                  + WorkerSettings.DEFAULT_CONCURRENCY
                  + ".");

  public static final Setting<Duration> LEASE =
      define("lease", SettingParsers.duration(ChronoUnit.SECONDS), WorkerSettings.DEFAULT_LEASE)
          .flag("--lease", "SECONDS")
          .env("DROVER_LEASE_SECONDS", "WORKER_LEASE_SECONDS")
          .help(
              "How long a claimed job stays with its worker without a heartbeat"
                  + " (heartbeats every third of it). Default: "
                  + Durations.format(WorkerSettings.DEFAULT_LEASE)
                  + ".");

  public static final Setting<Duration> POLL_INTERVAL =
      define(
              "pollInterval",
              SettingParsers.duration(ChronoUnit.MILLIS),
              WorkerSettings.DEFAULT_POLL_INTERVAL)
          .flag("--poll-interval", "MS")
          .env("DROVER_POLL_INTERVAL_MS", "WORKER_POLL_INTERVAL")
          .help(
              "How often an idle worker looks for jobs on SQLite; on PostgreSQL and Redis"
                  + " wake-ups and due times say when, and it looks at least every 15 s or this,"
                  + " if longer. Default: "
                  + Durations.format(WorkerSettings.DEFAULT_POLL_INTERVAL)
                  + ".");

  public static final Setting<Integer> MAX_ATTEMPTS =
      define("maxAttempts", SettingParsers::wholeNumber, JobSettings.DEFAULT_MAX_ATTEMPTS)
          .flag("--max-attempts", "N")
          .env("DROVER_MAX_ATTEMPTS", "WORKER_MAX_RETRIES")
          .help(
              "Attempts a job gets unless it says otherwise. Default: "
                  + JobSettings.DEFAULT_MAX_ATTEMPTS
                  + ".");

  public static final Setting<Duration> BACKOFF_BASE =
      define(
              "backoffBase",
              SettingParsers.duration(ChronoUnit.MILLIS),
              JobSettings.DEFAULT_BACKOFF_BASE)
          .flag("--backoff-base", "MS")
          .env("DROVER_BACKOFF_BASE_MS", "RETRY_BACKOFF_MS")
          .help(
              "Ceiling of the first retry delay; it doubles per attempt, with full jitter."
                  + " Default: "
                  + Durations.format(JobSettings.DEFAULT_BACKOFF_BASE)
                  + ".");

  public static final Setting<Duration> BACKOFF_MAX =
      define(
              "backoffMax",
              SettingParsers.duration(ChronoUnit.MILLIS),
              JobSettings.DEFAULT_BACKOFF_MAX)
          .flag("--backoff-max", "MS")
          .env("DROVER_BACKOFF_MAX_MS", "WORKER_BACKOFF_MAX_DELAY")
          .help(
              "Cap on any retry delay. Default: "
                  + Durations.format(JobSettings.DEFAULT_BACKOFF_MAX)
                  + ".");

  public static final Setting<Duration> JOB_TIMEOUT =
      define("jobTimeout", SettingParsers.duration(ChronoUnit.MILLIS), JobSettings.DEFAULT_TIMEOUT)
          .flag("--job-timeout", "MS")
          .env("DROVER_JOB_TIMEOUT_MS", "STEP_TIMEOUT_MS")
          .help(
              "How long one attempt may run before it is interrupted, unless the job says"
                  + " otherwise. Default: "
                  + Durations.format(JobSettings.DEFAULT_TIMEOUT)
                  + ".");

  public static final Setting<Duration> SHUTDOWN_GRACE =
      define(
              "shutdownGrace",
              SettingParsers.duration(ChronoUnit.MILLIS),
              WorkerSettings.DEFAULT_SHUTDOWN_GRACE)
          .flag("--shutdown-grace", "MS")
          .env("DROVER_SHUTDOWN_GRACE_MS")
          .help(
              "On SIGTERM, how long running jobs may finish before they are released to"
                  + " other workers. Default: "
                  + Durations.format(WorkerSettings.DEFAULT_SHUTDOWN_GRACE)
                  + ".");

  public static final Setting<Integer> MAX_PAYLOAD_BYTES =
      define("maxPayloadBytes", SettingParsers::wholeNumber, HttpSettings.DEFAULT_MAX_PAYLOAD_BYTES)
          .flag("--max-payload-bytes", "BYTES")
          .env("DROVER_MAX_PAYLOAD_BYTES")
          .help(
              "Largest job payload the API accepts, in UTF-8 bytes of JSON (at most 1"
                  + " MiB). Default: "
                  + HttpSettings.DEFAULT_MAX_PAYLOAD_BYTES
                  + ".");

  public static final Setting<Integer> MAX_RUN_STEPS =
      define("maxRunSteps", SettingParsers::wholeNumber, HttpSettings.DEFAULT_MAX_RUN_STEPS)
          .flag("--max-run-steps", "STEPS")
          .env("DROVER_MAX_RUN_STEPS")
          .help(
              "Steps a run created over the API may hold, counting those its steps add while it"
                  + " runs (at most "
                  + io.drover.Bounds.MAX_RUN_STEPS
                  + "). Default: "
                  + HttpSettings.DEFAULT_MAX_RUN_STEPS
                  + ".");

  public static final Setting<String> LOG_LEVEL =
      define("logLevel", SettingParsers::text, LogSettings.DEFAULT_LEVEL)
          .flag("--log-level", "LEVEL")
          .env("DROVER_LOG_LEVEL", "LOG_LEVEL")
          .help(
              "TRACE, DEBUG, INFO, WARN, ERROR or OFF. Default: "
                  + LogSettings.DEFAULT_LEVEL
                  + ".");

  public static final Setting<String> LOG_FORMAT =
      define("logFormat", SettingParsers::text, LogSettings.DEFAULT_FORMAT)
          .flag("--log-format", "FORMAT")
          .env("DROVER_LOG_FORMAT", "LOG_FORMAT")
          .help(
              "text (one line per event, key=value fields) or json (one JSON object per"
                  + " line). Default: "
                  + LogSettings.DEFAULT_FORMAT
                  + ".");

  public static final Setting<List<QueuePattern>> QUEUES =
      define("queues", SettingParsers::queues, WorkerSettings.DEFAULT_QUEUES)
          .flag("--queues", "PATTERNS")
          .env("DROVER_QUEUES")
          .help(
              "Queues the worker pool takes jobs from: comma-separated names or globs such"
                  + " as scrape.*. Default: * (every queue).");

  public static final Setting<Duration> MISFIRE_GRACE =
      define(
              "misfireGrace",
              SettingParsers.duration(ChronoUnit.SECONDS),
              ScheduleSettings.DEFAULT_MISFIRE_GRACE)
          .flag("--misfire-grace", "SECONDS")
          .env("DROVER_MISFIRE_GRACE_SECONDS", "SCHEDULER_MISFIRE_GRACE_TIME")
          .help(
              "How late a schedule's fire may be and still count as on time, for schedules"
                  + " that do not say. Default: "
                  + Durations.format(ScheduleSettings.DEFAULT_MISFIRE_GRACE)
                  + ".");

  public static final Setting<ZoneId> TIMEZONE =
      define("timezone", SettingParsers::zone, ScheduleSettings.DEFAULT_TIMEZONE)
          .flag("--timezone", "ZONE")
          .env("DROVER_TIMEZONE", "TZ")
          .help(
              "IANA time zone that cron schedules without a timezone are read in. Default:"
                  + " UTC.");

  public static final Setting<Path> SCHEDULES_FILE =
      define("schedulesFile", SettingParsers::path, null)
          .flag("--schedules", "FILE")
          .env("DROVER_SCHEDULES_FILE")
          .help(
              "YAML or JSON file of schedules applied at start: each is created or"
                  + " updated. Default: none.");

  public static final Setting<Path> LIMITS_FILE =
      define("limitsFile", SettingParsers::path, null)
          .flag("--limits", "FILE")
          .env("DROVER_LIMITS_FILE")
          .help(
              "YAML or JSON file of limits applied at start: each is created or replaced;"
                  + " limits it does not name are left alone. Default: none.");

  public static final Setting<Boolean> PRUNE_SCHEDULES =
      define("pruneSchedules", SettingParsers::trueOrFalse, false)
          .toggle("--prune-schedules", "true")
          .env("DROVER_PRUNE_SCHEDULES")
          .help(
              "With --schedules, also delete the schedules the file does not name."
                  + " Default: keep them.");

  public static final Setting<Path> TOKENS_FILE =
      define("tokensFile", SettingParsers::path, null)
          .flag("--tokens-file", "FILE")
          .env("DROVER_TOKENS_FILE")
          .help(
              "JSON file of API tokens (make entries with drover tokens create). Without"
                  + " it the API has no auth and listens on loopback only. Default: none.");

  public static final Setting<List<String>> CORS_ORIGINS =
      define("corsOrigins", CorsOrigins::parse, List.<String>of())
          .flag("--cors-origins", "ORIGINS")
          .env("DROVER_CORS_ORIGINS")
          .help(
              "Comma-separated browser origins allowed to call the API, e.g."
                  + " https://ops.example.com, or *. Default: none (CORS off).");

  public static final Setting<ApiRates> API_RATE =
      define("apiRate", ApiRates::parse, ApiRates.OFF)
          .flag("--api-rate", "RATES")
          .env("DROVER_API_RATE")
          .help(
              "Requests each token (each client address without tokens) may send, by its role:"
                  + " comma-separated ROLE=N/s, N/m or N/h with an optional :BURST (default N),"
                  + " or ROLE=off; * stands for the roles not named, e.g."
                  + " producer=500/s:1000,*=50/s. Over it, 429 with Retry-After. Default: off"
                  + " (no limits).");

  public static final Setting<Integer> BACKLOG_WARN =
      define("backlogWarn", SettingParsers::wholeNumber, HealthSettings.DEFAULT_BACKLOG_WARN)
          .flag("--backlog-warn", "N")
          .env("DROVER_BACKLOG_WARN")
          .help(
              "Waiting jobs in one queue above which /health/comprehensive reports"
                  + " degraded. Default: "
                  + HealthSettings.DEFAULT_BACKLOG_WARN
                  + ".");

  public static final Setting<Duration> OLDEST_AGE_WARN =
      define(
              "oldestAgeWarn",
              SettingParsers.duration(ChronoUnit.SECONDS),
              HealthSettings.DEFAULT_OLDEST_AGE_WARN)
          .flag("--oldest-age-warn", "SECONDS")
          .env("DROVER_OLDEST_AGE_WARN_SECONDS")
          .help(
              "How long a queue's oldest due job may wait before /health/comprehensive"
                  + " reports degraded. Default: "
                  + Durations.format(HealthSettings.DEFAULT_OLDEST_AGE_WARN)
                  + ".");

  public static final Setting<List<String>> HTTP_ALLOW_HOSTS =
      define("httpAllowHosts", HostAllowList::parse, WorkerSettings.DEFAULT_HTTP_ALLOW_HOSTS)
          .flag("--http-allow-hosts", "HOSTS")
          .env("DROVER_HTTP_ALLOW_HOSTS")
          .help(
              "Hosts the built-in http kind may call: comma-separated names, IP addresses"
                  + " or globs such as *.example.com; * allows any. Default: "
                  + String.join(",", WorkerSettings.DEFAULT_HTTP_ALLOW_HOSTS)
                  + " (loopback only).");

  public static final Setting<String> SPOOL =
      define("spool", SettingParsers::text, SpoolSettings.DEFAULT_MODE)
          .flag("--spool", "MODE")
          .env("DROVER_SPOOL")
          .help(
              "on, off or auto: keep enqueues in a durable local spool while the store is"
                  + " unreachable, and forward them when it answers (the API answers 202 with"
                  + " spooled: true). Default: auto (on for postgres and redis, off for the"
                  + " embedded stores).");

  public static final Setting<Path> SPOOL_DIR =
      define("spoolDir", SettingParsers::path, null)
          .flag("--spool-dir", "DIR")
          .env("DROVER_SPOOL_DIR")
          .help(
              "Directory of the spool's journal files; processes sharing it forward each"
                  + " other's leftovers. Default: spool under the data directory.");

  public static final Setting<Integer> SPOOL_MAX_JOBS =
      define("spoolMaxJobs", SettingParsers::wholeNumber, SpoolConfig.DEFAULT_MAX_JOBS)
          .flag("--spool-max-jobs", "N")
          .env("DROVER_SPOOL_MAX_JOBS")
          .help(
              "Jobs the spool holds; beyond, enqueues get 503 with Retry-After. Default: "
                  + SpoolConfig.DEFAULT_MAX_JOBS
                  + ".");

  public static final Setting<Long> SPOOL_MAX_BYTES =
      define("spoolMaxBytes", SettingParsers::byteCount, SpoolConfig.DEFAULT_MAX_BYTES)
          .flag("--spool-max-bytes", "BYTES")
          .env("DROVER_SPOOL_MAX_BYTES")
          .help(
              "Bytes of spooled jobs the spool holds; beyond, enqueues get 503 with"
                  + " Retry-After. Default: "
                  + SpoolConfig.DEFAULT_MAX_BYTES
                  + " (256 MiB).");

  private final String key;
  private final String flag;
  private final String droverEnv;
  private final String conventionalEnv;
  private final String paramLabel;
  private final String switchValue;
  private final String description;
  private final Function<String, T> parser;
  private final T fallback;

  private Setting(Draft<T> draft, String description) {
    this.key = draft.key;
    this.flag = draft.flag;
    this.droverEnv = draft.droverEnv;
    this.conventionalEnv = draft.conventionalEnv;
    this.paramLabel = draft.paramLabel;
    this.switchValue = draft.switchValue;
    this.description = description;
    this.parser = draft.parser;
    this.fallback = draft.fallback;
  }

  private static <T> Draft<T> define(String key, Function<String, T> parser, T fallback) {
    return new Draft<>(key, parser, fallback);
  }

  /** Every setting, in the order of this table. */
  public static List<Setting<?>> values() {
    return Collections.unmodifiableList(ALL);
  }

  /** The name the setting has in {@link ConfigException}s, e.g. {@code concurrency}. */
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

  /**
   * The value {@code text} stands for.
   *
   * @throws IllegalArgumentException saying what the text must be
   */
  T parse(String text) {
    return parser.apply(text);
  }

  /** The value when the setting is given nowhere; null for "none". */
  T fallback() {
    return fallback;
  }

  /** The setting named {@code key}, for reporting where a bad value came from. */
  static Setting<?> byKey(String key) {
    for (Setting<?> setting : ALL) {
      if (setting.key.equals(key)) {
        return setting;
      }
    }
    throw new IllegalArgumentException("no setting is named " + key);
  }

  @Override
  public String toString() {
    return key;
  }

  /** A setting being described; {@link #help} finishes it and adds it to the table. */
  private static final class Draft<T> {
    private final String key;
    private final Function<String, T> parser;
    private final T fallback;
    private String flag;
    private String paramLabel;
    private String switchValue;
    private String droverEnv;
    private String conventionalEnv;

    private Draft(String key, Function<String, T> parser, T fallback) {
      this.key = key;
      this.parser = parser;
      this.fallback = fallback;
    }

    /** A flag that takes a value, shown in help as {@code paramLabel}. */
    Draft<T> flag(String flag, String paramLabel) {
      this.flag = flag;
      this.paramLabel = paramLabel;
      return this;
    }

    /** A flag that takes no value: giving it means {@code switchValue}. */
    Draft<T> toggle(String flag, String switchValue) {
      this.flag = flag;
      this.switchValue = switchValue;
      return this;
    }

    Draft<T> env(String droverEnv) {
      this.droverEnv = droverEnv;
      return this;
    }

    Draft<T> env(String droverEnv, String conventionalEnv) {
      this.droverEnv = droverEnv;
      this.conventionalEnv = conventionalEnv;
      return this;
    }

    Setting<T> help(String description) {
      Setting<T> setting = new Setting<>(this, description);
      ALL.add(setting);
      return setting;
    }
  }
}
