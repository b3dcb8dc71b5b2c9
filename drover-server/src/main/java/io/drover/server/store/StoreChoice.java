package io.drover.server.store;

import io.drover.server.config.ConfigException;
import io.drover.server.config.ServerConfig;
import io.drover.server.config.StoreSettings;
import io.drover.store.jdbc.PostgresConfig;
import io.drover.store.redis.RedisConfig;
import java.nio.file.Path;

/**
 * Which store a server uses and why (DESIGN §6): the one named by {@code DROVER_STORE}, else
 * postgres when {@code DATABASE_URL} is set, else redis when {@code REDIS_URL} is set, else the
 * embedded SQLite file.
 *
 * @param reason why this store, for the error when it cannot be used
 * @param sqliteFile the database file when the kind is sqlite, else null
 * @param postgres how to open PostgreSQL when the kind is postgres, else null
 * @param redis how to open Redis when the kind is redis, else null
 */
public record StoreChoice(
    StoreKind kind, String reason, Path sqliteFile, PostgresConfig postgres, RedisConfig redis) {

  /** The file name of the embedded store inside the data directory. */
  public static final String SQLITE_FILE = "drover.db";

  /**
   * @throws ConfigException when the store is postgres or redis and its URL is missing or not that
   *     store's; the message never quotes the URL, which may hold a password
   */
  public static StoreChoice of(ServerConfig config) {
    StoreSettings store = config.store();
    StoreKind kind;
    String reason;
    if (store.kind() != null) {
      kind = store.kind();
      reason = "asked for by --store or DROVER_STORE";
    } else if (store.databaseUrl() != null) {
      kind = StoreKind.POSTGRES;
      reason = "chosen because DATABASE_URL is set";
    } else if (store.redisUrl() != null) {
      kind = StoreKind.REDIS;
      reason = "chosen because REDIS_URL is set";
    } else {
      kind = StoreKind.SQLITE;
      reason = "the default";
    }
    return new StoreChoice(
        kind,
        reason,
        kind == StoreKind.SQLITE ? store.dataDir().resolve(SQLITE_FILE) : null,
        kind == StoreKind.POSTGRES ? postgres(store, reason) : null,
        kind == StoreKind.REDIS ? redis(store, reason) : null);
  }

  private static RedisConfig redis(StoreSettings store, String reason) {
    if (store.redisUrl() == null) {
      throw new ConfigException(
          "redisUrl",
          "must be set for the redis store (" + reason + "): set REDIS_URL or pass --redis-url");
    }
    RedisConfig.Builder redis;
    try {
      redis = RedisConfig.builder(store.redisUrl());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("redisUrl", e.getMessage());
    }
    return store.timeouts().applyTo(redis).build();
  }

  private static PostgresConfig postgres(StoreSettings store, String reason) {
    if (store.databaseUrl() == null) {
      throw new ConfigException(
          "databaseUrl",
          "must be set for the postgres store ("
              + reason
              + "): set DATABASE_URL or pass --database-url");
    }
    try {
      return store
          .timeouts()
          .applyTo(PostgresConfig.builder(store.databaseUrl()))
          .poolSize(store.poolSize())
          .schema(store.schema())
          .migrate(store.migrate())
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
      case REDIS -> "redis (" + redis.url().describe() + ")";
    };
  }
}
