package io.drover.store.jdbc;

import io.drover.tck.ExternalService;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.postgresql.Driver;

/**
 * The PostgreSQL the tests use: {@code DROVER_TEST_DATABASE_URL}, else database {@code test} on
 * 127.0.0.1:5432 as {@code postgres} (trust authentication). Each test class works in fresh schemas
 * of its own and drops them afterwards, so test runs never see each other's rows.
 */
public final class PostgresTestDatabase {
  /** The database under test, in either URL form. */
  public static final String URL =
      System.getenv()
          .getOrDefault("DROVER_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test");

  /**
   * Whether {@link #require()} found the database; a class skipped for want of it drops nothing.
   */
  private static volatile boolean reachable;

  private PostgresTestDatabase() {}

  /** Skips the calling test class (or fails it, under CI=true) when the database is not there. */
  public static void require() {
    ExternalService.require(
        "PostgreSQL",
        PostgresUrl.parse(URL).describe(),
        () -> {
          execute("SELECT 1");
          return null;
        });
    reachable = true;
  }

  /** A name no other schema has, for a test class to create and drop. */
  public static String newSchemaName() {
    return "drover_test_" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A configuration for the test database and {@code schema}, with a small pool. */
  public static PostgresConfig.Builder config(String schema) {
    return PostgresConfig.builder(URL).schema(schema).poolSize(4);
  }

  /** Creates {@code schema} with Drover's tables in it. */
  public static void migrate(String schema) {
    PostgresJobStore.migrate(config(schema).build());
  }

  /** Empties every table of {@code schema} but the migration history, in one statement. */
  public static void truncate(String schema) throws SQLException {
    execute(
        "DO $$ BEGIN EXECUTE (SELECT 'TRUNCATE ' || string_agg(format('%I.%I', schemaname,"
            + " tablename), ', ') FROM pg_tables WHERE schemaname = '"
            + schema
            + "' AND tablename <> '"
            + Migrations.HISTORY_TABLE
            + "'); END $$");
  }

  /** Drops {@code schema} and everything in it; nothing when the database was never reached. */
  public static void drop(String schema) throws SQLException {
    if (!reachable) {
      return;
    }
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  /** Runs one statement on a connection of its own. */
  public static void execute(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** A new connection to the test database, outside any store; the caller closes it. */
  public static Connection connect() throws SQLException {
    PostgresUrl url = PostgresUrl.parse(URL);
    java.util.Properties properties = new java.util.Properties();
    if (url.user() != null) {
      properties.setProperty("user", url.user());
    }
    if (url.password() != null) {
      properties.setProperty("password", url.password());
    }
    return new Driver().connect(url.jdbcUrl(), properties);
  }
}
