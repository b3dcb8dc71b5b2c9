package io.drover.server.config;

import io.drover.InvalidJobException;
import io.drover.server.Durations;
import io.drover.server.http.CorsOrigins;
import io.drover.server.kinds.HostAllowList;
import io.drover.server.store.StoreKind;
import io.drover.spool.SpoolConfig;
import io.drover.store.QueuePattern;
import io.drover.store.jdbc.PostgresConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a {@link ServerConfig} from flags and environment variables. Each setting takes the first
 * value found in this order (STYLE: precedence said out loud):
 *
 * <ol>
 *   <li>its flag, e.g. {@code --concurrency 5};
 *   <li>its {@code DROVER_*} variable, e.g. {@code DROVER_CONCURRENCY};
 *   <li>its conventional variable, e.g. {@code WORKER_CONCURRENCY} or {@code PORT};
 *   <li>its default ({@link ServerConfig}).
 * </ol>
 *
 * A configuration file, when it comes, slots in before the defaults in {@link #lookup}. Empty
 * variables count as unset, as container platforms often define them blank.
 */
public final class ConfigLoader {
  private final Map<Setting, String> flags;
  private final Map<String, String> env;

  private ConfigLoader(Map<Setting, String> flags, Map<String, String> env) {
    this.flags = flags;
    this.env = env;
  }

  /**
   * Resolves every setting and validates the result.
   *
   * @param flags the flags given on the command line, by setting
   * @param env the process environment
   * @throws ConfigException one line naming the setting, where its value came from and what is
   *     wrong
   */
  public static ServerConfig load(Map<Setting, String> flags, Map<String, String> env) {
    ConfigLoader loader = new ConfigLoader(flags, env);
    try {
      return loader.build();
    } catch (ConfigException e) {
      Found found = loader.lookup(Setting.byKey(e.setting()));
      throw found == null ? e : e.from(found.describe());
    }
  }

  private ServerConfig build() {
    return new ServerConfig(
        value(Setting.STORE, StoreKind::parse, null),
        value(Setting.DATABASE_URL, Function.identity(), null),
        value(Setting.POOL_SIZE, ConfigLoader::wholeNumber, PostgresConfig.DEFAULT_POOL_SIZE),
        value(Setting.SCHEMA, Function.identity(), PostgresConfig.DEFAULT_SCHEMA),
        value(Setting.MIGRATE, ConfigLoader::trueOrFalse, true),
        new StoreTimeouts(
            duration(Setting.POOL_TIMEOUT, ChronoUnit.MILLIS, StoreTimeouts.DEFAULT.poolTimeout()),
            duration(
                Setting.STATEMENT_TIMEOUT,
                ChronoUnit.MILLIS,
                StoreTimeouts.DEFAULT.statementTimeout()),
            duration(
                Setting.SOCKET_TIMEOUT, ChronoUnit.MILLIS, StoreTimeouts.DEFAULT.socketTimeout()),
            duration(
                Setting.CONNECT_TIMEOUT, ChronoUnit.MILLIS, StoreTimeouts.DEFAULT.connectTimeout()),
            duration(
                Setting.REDIS_TIMEOUT, ChronoUnit.MILLIS, StoreTimeouts.DEFAULT.redisTimeout())),
        value(Setting.REDIS_URL, Function.identity(), null),
        value(Setting.DATA_DIR, ConfigLoader::path, ServerConfig.DEFAULT_DATA_DIR),
        value(Setting.HOST, Function.identity(), ServerConfig.DEFAULT_HOST),
        value(Setting.PORT, ConfigLoader::wholeNumber, ServerConfig.DEFAULT_PORT),
        value(Setting.CONCURRENCY, ConfigLoader::wholeNumber, ServerConfig.DEFAULT_CONCURRENCY),
        duration(Setting.LEASE, ChronoUnit.SECONDS, ServerConfig.DEFAULT_LEASE),
        duration(Setting.POLL_INTERVAL, ChronoUnit.MILLIS, ServerConfig.DEFAULT_POLL_INTERVAL),
        value(Setting.MAX_ATTEMPTS, ConfigLoader::wholeNumber, ServerConfig.DEFAULT_MAX_ATTEMPTS),
        duration(Setting.BACKOFF_BASE, ChronoUnit.MILLIS, ServerConfig.DEFAULT_BACKOFF_BASE),
        duration(Setting.BACKOFF_MAX, ChronoUnit.MILLIS, ServerConfig.DEFAULT_BACKOFF_MAX),
        duration(Setting.JOB_TIMEOUT, ChronoUnit.MILLIS, ServerConfig.DEFAULT_JOB_TIMEOUT),
        duration(Setting.SHUTDOWN_GRACE, ChronoUnit.MILLIS, ServerConfig.DEFAULT_SHUTDOWN_GRACE),
        value(
            Setting.MAX_PAYLOAD_BYTES,
            ConfigLoader::wholeNumber,
            ServerConfig.DEFAULT_MAX_PAYLOAD_BYTES),
        value(Setting.LOG_LEVEL, Function.identity(), ServerConfig.DEFAULT_LOG_LEVEL),
        value(Setting.LOG_FORMAT, Function.identity(), ServerConfig.DEFAULT_LOG_FORMAT),
        value(Setting.QUEUES, ConfigLoader::queues, List.of(QueuePattern.of("*"))),
        value(Setting.TOKENS_FILE, ConfigLoader::path, null),
        value(Setting.CORS_ORIGINS, CorsOrigins::parse, List.of()),
        value(Setting.BACKLOG_WARN, ConfigLoader::wholeNumber, ServerConfig.DEFAULT_BACKLOG_WARN),
        duration(Setting.OLDEST_AGE_WARN, ChronoUnit.SECONDS, ServerConfig.DEFAULT_OLDEST_AGE_WARN),
        value(
            Setting.HTTP_ALLOW_HOSTS, HostAllowList::parse, ServerConfig.DEFAULT_HTTP_ALLOW_HOSTS),
        duration(Setting.MISFIRE_GRACE, ChronoUnit.SECONDS, ServerConfig.DEFAULT_MISFIRE_GRACE),
        value(Setting.TIMEZONE, ConfigLoader::zone, ServerConfig.DEFAULT_TIMEZONE),
        value(Setting.SCHEDULES_FILE, ConfigLoader::path, null),
        value(Setting.PRUNE_SCHEDULES, ConfigLoader::trueOrFalse, false),
        value(Setting.SPOOL, Function.identity(), "auto"),
        value(Setting.SPOOL_DIR, ConfigLoader::path, null),
        value(Setting.SPOOL_MAX_JOBS, ConfigLoader::wholeNumber, SpoolConfig.DEFAULT_MAX_JOBS),
        value(Setting.SPOOL_MAX_BYTES, ConfigLoader::byteCount, SpoolConfig.DEFAULT_MAX_BYTES));
  }

  /** A value and the name it was found under, e.g. {@code --port} or {@code PORT}. */
  private record Found(String source, String text) {
    String describe() {
      return source + "=" + text;
    }
  }

  private Found lookup(Setting setting) {
    String flag = flags.get(setting);
    if (flag != null) {
      return new Found(setting.flag(), flag);
    }
    for (String name : new String[] {setting.droverEnv(), setting.conventionalEnv()}) {
      String value = name == null ? null : env.get(name);
      if (value != null && !value.isBlank()) {
        return new Found(name, value);
      }
    }
    return null;
  }

  private <T> T value(Setting setting, Function<String, T> parse, T fallback) {
    Found found = lookup(setting);
    if (found == null) {
      return fallback;
    }
    try {
      return parse.apply(found.text().trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(setting.key(), e.getMessage());
    }
  }

  private Duration duration(Setting setting, ChronoUnit bareUnit, Duration fallback) {
    return value(setting, text -> Durations.parse(text, bareUnit), fallback);
  }

  private static ZoneId zone(String text) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "must be an IANA time zone such as UTC or Europe/Chisinau (was '" + text + "')");
    }
  }

  private static int wholeNumber(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number (was '" + text + "')");
    }
  }

  private static long byteCount(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number of bytes (was '" + text + "')");
    }
  }

  private static List<QueuePattern> queues(String text) {
    try {
      return QueuePattern.parseList(text);
    } catch (InvalidJobException e) {
      throw new IllegalArgumentException(
          "must be comma-separated queue names or globs (" + e.getMessage() + ")");
    }
  }

  private static boolean trueOrFalse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false (was '" + text + "')");
    };
  }

  private static Path path(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("is not a usable path (" + e.getReason() + ")");
    }
  }
}
