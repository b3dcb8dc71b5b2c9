package io.drover.server;

import io.drover.store.jdbc.PostgresUrl;
import io.drover.tck.ExternalService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL server tests run against: {@code DROVER_TEST_DATABASE_URL}, else database {@code
 * test} on 127.0.0.1:5432 as {@code postgres}. A test needing it calls {@link #require()}: skipped
 * without it, failed without it under CI=true.
 */
public final class TestPostgres {
  public static final String URL =
      System.getenv()
          .getOrDefault("DROVER_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test");

  private TestPostgres() {}

  public static void require() {
    ExternalService.require("PostgreSQL", URL, () -> execute("SELECT 1"));
  }

  /** A schema name no other test uses, for a test to create (through a store) and drop. */
  public static String newSchema() {
    return "drover_test_" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static void dropSchema(String schema) throws SQLException {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  public static Void execute(String sql) throws SQLException {
    PostgresUrl url = PostgresUrl.parse(URL);
    try (Connection connection =
            DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
    return null;
  }
}
