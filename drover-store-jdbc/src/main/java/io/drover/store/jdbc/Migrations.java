package io.drover.store.jdbc;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database's schema up to date with the versioned migrations of its dialect; each version
 * runs once, recorded in its own history table so Drover can share a database with an application
 * that uses Flyway too.
 */
final class Migrations {
  static final String HISTORY_TABLE = "drover_schema_history";

  private Migrations() {}

  /**
   * Applies pending migrations.
   *
   * @return the schema version now in place
   * @throws org.flywaydb.core.api.FlywayException when a migration fails or the history disagrees
   *     with the migrations on the class path
   */
  static String apply(DataSource dataSource, Dialect dialect) {
    Flyway flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations(dialect.migrationsLocation())
            .table(HISTORY_TABLE)
            .failOnMissingLocations(true)
            .load();
    MigrateResult result = flyway.migrate();
    // Flyway reports a target only when it ran something; otherwise the schema stayed as found.
    return result.targetSchemaVersion != null
        ? result.targetSchemaVersion
        : result.initialSchemaVersion;
  }
}
