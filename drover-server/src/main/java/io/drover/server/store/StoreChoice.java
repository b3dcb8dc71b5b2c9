package io.drover.server.store;

import io.drover.server.config.ServerConfig;
import java.nio.file.Path;

/**
 * Which store a server uses and why (DESIGN §6): the one named by {@code DROVER_STORE}, else
 * postgres when {@code DATABASE_URL} is set, else redis when {@code REDIS_URL} is set, else the
 * embedded SQLite file.
 *
 * @param reason why this store, for the error when it cannot be used
 * @param sqliteFile the database file when the kind is sqlite, else null
 */
public record StoreChoice(StoreKind kind, String reason, Path sqliteFile) {

  /** The file name of the embedded store inside the data directory. */
  public static final String SQLITE_FILE = "drover.db";

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
        kind, reason, kind == StoreKind.SQLITE ? config.dataDir().resolve(SQLITE_FILE) : null);
  }

  /** How the start-up log shows the choice, e.g. {@code sqlite (./drover-data/drover.db)}. */
  public String describe() {
    return switch (kind) {
      case SQLITE -> "sqlite (" + sqliteFile + ")";
      case MEMORY -> "memory (jobs are lost when the process exits)";
      case POSTGRES, REDIS -> kind.wireName();
    };
  }
}
