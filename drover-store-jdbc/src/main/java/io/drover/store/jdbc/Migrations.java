package io.drover.store.jdbc;

import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database's schema up to date with the versioned migrations of its dialect; each version
 * runs once, recorded in its own history table so Drover can share a database with an application
 * that uses Flyway too.
 */
final class Migrations {
  static final String HISTORY_TABLE = "drover_schema_history";

  private Migrations() {}

  /** Applies pending migrations to the connection's own schema; see {@link #apply(Flyway)}. */
  static String apply(DataSource dataSource, Dialect dialect) {
    return apply(configure(dataSource, dialect).load());
  }

  /** Flyway set up for a dialect's migrations; callers may add to it before loading. */
  static FluentConfiguration configure(DataSource dataSource, Dialect dialect) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(dialect.migrationsLocation())
        .table(HISTORY_TABLE)
        .failOnMissingLocations(true);
  }

  /**
   * Applies pending migrations.
   *
   * @return the schema version now in place
   * @throws org.flywaydb.core.api.FlywayException when a migration fails or the history disagrees
   *     with the migrations on the class path
   */
  static String apply(Flyway flyway) {
    MigrateResult result = flyway.migrate();
    // Flyway reports a target only when it ran something; otherwise the schema stayed as found.
    return result.targetSchemaVersion != null
        ? result.targetSchemaVersion
        : result.initialSchemaVersion;
  }

  /**
   * Checks, without changing anything, that no migration is pending.
   *
   * @return the schema version in place
   * @throws IllegalStateException naming the version found and the one this build needs
   */
  static String requireCurrent(Flyway flyway) {
    MigrationInfoService info = flyway.info();
    MigrationInfo[] pending = info.pending();
    String current = info.current() == null ? "none" : info.current().getVersion().getVersion();
    if (pending.length > 0) {
      String needed = pending[pending.length - 1].getVersion().getVersion();
      throw new IllegalStateException(
          "the schema is at version "
              + current
              + " and this build needs "
              + needed
              + " ("
              + Arrays.stream(pending).map(MigrationInfo::getScript).toList()
              + " pending); run `drover migrate` or open with migrations on");
    }
    return current;
  }
}
