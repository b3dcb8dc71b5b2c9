package io.drover.server.config;

import io.drover.server.store.StoreKind;
import io.drover.store.jdbc.PostgresConfig;
import java.nio.file.Path;

/**
 * Which store the server opens and how; {@link io.drover.server.store.StoreChoice} turns them into
 * the store's own configuration.
 *
 * @param kind the store asked for, or null to choose from the URLs (DESIGN §6). Default: null.
 * @param databaseUrl a PostgreSQL URL, or null. Default: null.
 * @param redisUrl a Redis URL, or null. Default: null.
 * @param dataDir where the embedded SQLite file lives. Default: {@code ./drover-data}.
 * @param poolSize PostgreSQL connections in this process's pool. Default: 10.
 * @param schema the PostgreSQL schema of Drover's tables. Default: drover.
 * @param migrate whether a PostgreSQL store applies pending migrations at start. Default: true.
 * @param timeouts how long store calls may wait (PostgreSQL and Redis).
 */
public record StoreSettings(
    StoreKind kind,
    String databaseUrl,
    String redisUrl,
    Path dataDir,
    int poolSize,
    String schema,
    boolean migrate,
    StoreTimeouts timeouts) {

  public static final Path DEFAULT_DATA_DIR = Path.of("./drover-data");

  public StoreSettings {
    if (dataDir == null) {
      throw new ConfigException("dataDir", "must be set");
    }
    if (timeouts == null) {
      throw new ConfigException("storeTimeouts", "must be set");
    }
    Checks.range("poolSize", poolSize, 1, PostgresConfig.MAX_POOL_SIZE);
    if (!PostgresConfig.SCHEMA_NAME.matcher(schema).matches()) {
      throw new ConfigException(
          "schema",
          "must be 1-51 lower-case letters, digits or _, not starting with a digit (was "
              + schema
              + ")");
    }
  }

  static StoreSettings from(SettingValues settings) {
    return new StoreSettings(
        settings.get(Setting.STORE),
        settings.get(Setting.DATABASE_URL),
        settings.get(Setting.REDIS_URL),
        settings.get(Setting.DATA_DIR),
        settings.get(Setting.POOL_SIZE),
        settings.get(Setting.SCHEMA),
        settings.get(Setting.MIGRATE),
        StoreTimeouts.from(settings));
  }
}
