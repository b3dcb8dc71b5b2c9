package io.drover.server.store;

import io.drover.server.config.ConfigException;
import io.drover.server.config.ServerConfig;
import io.drover.store.jdbc.PostgresConfig;
import io.drover.store.redis.RedisTimeouts;
import io.lettuce.core.RedisURI;
import java.nio.file.Path;

/**
 * Which store a server uses and why (DESIGN §6): the one named by {@code DROVER_STORE}, else
 * postgres when {@code DATABASE_URL} is set, else redis when {@code REDIS_URL} is set, else the
 * embedded SQLite file.
 *
 * @param reason why this store, for the error when it cannot be used
 * @param sqliteFile the database file when the kind is sqlite, else null
 * @param postgres how to open PostgreSQL when the kind is postgres, else null
 * @param redisTimeouts how long Redis calls may wait
 */
public record StoreChoice(
    StoreKind kind,
    String reason,
    Path sqliteFile,
    PostgresConfig postgres,
    String redisUrl,
    RedisTimeouts redisTimeouts) {

  /** The file name of the embedded store inside the data directory. */
  public static final String SQLITE_FILE = "drover.db";

  /**
   * @throws ConfigException when the store is postgres and the URL is missing or not PostgreSQL's;
   *     the message never quotes the URL, which may hold a password
   */
  public static StoreChoice of(ServerConfig config) {
    StoreKind kind;
    String reason;
    if (config.store() != null) {
      kind = config.store();
      reason = "asked for by --store or DROVER_STORE";
    } else if (config.databaseUrl() != null) {
      kind = StoreKind.POSTGRES;
      reason = "chosen because DATABASE_URL is set";
    } else if (config.redisUrl() != null) {
      kind = StoreKind.REDIS;
      reason = "chosen because REDIS_URL is set";
    } else {
      kind = StoreKind.SQLITE;
      reason = "the default";
    }
    return new StoreChoice(
        kind,
        reason,
        kind == StoreKind.SQLITE ? config.dataDir().resolve(SQLITE_FILE) : null,
        kind == StoreKind.POSTGRES ? postgres(config, reason) : null,
        kind == StoreKind.REDIS ? redisUrl(config, reason) : null,
        config.storeTimeouts().redis());
  }

  private static String redisUrl(ServerConfig config, String reason) {
    if (config.redisUrl() == null) {
      throw new ConfigException(
          "redisUrl",
          "must be set for the redis store (" + reason + "): set REDIS_URL or pass --redis-url");
    }
    try {
      RedisURI.create(config.redisUrl());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "redisUrl", "must be a redis:// or rediss:// URL (" + e.getMessage() + ")");
    }
    return config.redisUrl();
  }

  private static PostgresConfig postgres(ServerConfig config, String reason) {
    if (config.databaseUrl() == null) {
      throw new ConfigException(
          "databaseUrl",
          "must be set for the postgres store ("
              + reason
              + "): set DATABASE_URL or pass --database-url");
    }
    try {
      return config
          .storeTimeouts()
          .applyTo(PostgresConfig.builder(config.databaseUrl()))
          .poolSize(config.poolSize())
          .schema(config.schema())
          .migrate(config.migrate())
          .build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("databaseUrl", e.getMessage());
    }
  }

  /**
   * How the start-up log shows the choice, e.g. {@code sqlite (./drover-data/drover.db)} or {@code
   * postgres (db:5432/jobs schema=drover)}; never a password.
   */
  public String describe() {
    return switch (kind) {
      case SQLITE -> "sqlite (" + sqliteFile + ")";
      case MEMORY -> "memory (jobs are lost when the process exits)";
      case POSTGRES -> "postgres (" + postgres.describe() + ")";
      case REDIS -> "redis (" + redisPlace() + ")";
    };
  }

  /** Host, port and database of the Redis URL; never its user or password. */
  private String redisPlace() {
    RedisURI uri = RedisURI.create(redisUrl);
    return (uri.isSsl() ? "rediss://" : "")
        + uri.getHost()
        + ":"
        + uri.getPort()
        + "/"
        + uri.getDatabase();
  }
}
