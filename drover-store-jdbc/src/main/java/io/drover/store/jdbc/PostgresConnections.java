package io.drover.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.Driver;

/** How a store connects: the pool its transactions use and the listener's own connection. */
final class PostgresConnections {
  private static final String APPLICATION = "drover";

  private PostgresConnections() {}

  /**
   * A pool of {@code size} connections, made on demand up to the size and kept, in the store's
   * schema, with auto-commit off at READ COMMITTED.
   *
   * @throws com.zaxxer.hikari.pool.HikariPool.PoolInitializationException if the first connection
   *     cannot be made
   */
  static HikariDataSource pool(PostgresConfig config, int size) {
    return pool(config, size, "drover-" + config.schema(), properties(config, APPLICATION));
  }

  /**
   * A small pool for schema migrations: without the statement and socket timeouts, since building
   * an index on a large table may take longer than any claim should.
   */
  static HikariDataSource migrationPool(PostgresConfig config, int size) {
    Properties properties = properties(config, APPLICATION + "-migrate");
    properties.remove("options");
    properties.remove("socketTimeout");
    return pool(config, size, "drover-migrate-" + config.schema(), properties);
  }

  private static HikariDataSource pool(
      PostgresConfig config, int size, String name, Properties properties) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName(name);
    hikari.setDriverClassName(Driver.class.getName());
    hikari.setJdbcUrl(config.url().jdbcUrl());
    hikari.setDataSourceProperties(properties);
    hikari.setMaximumPoolSize(size);
    hikari.setAutoCommit(false);
    hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
    if (config.metricRegistry() != null) {
      hikari.setMetricRegistry(config.metricRegistry());
    }
    return new HikariDataSource(hikari);
  }

  /** A new connection outside the pool, for LISTEN; it stays in auto-commit. */
  static Connection listenerConnection(PostgresConfig config) throws SQLException {
    return listenerConnection(config, listenerName(config, "listener"));
  }

  /**
   * The application name of a schema's listening connections of one {@code role}, which shows in
   * {@code pg_stat_activity}: how publishers learn whether anyone listens.
   */
  static String listenerName(PostgresConfig config, String role) {
    return APPLICATION + "-" + role + ":" + config.schema();
  }

  /** A connection outside the pool for listening, named {@code application}. */
  static Connection listenerConnection(PostgresConfig config, String application)
      throws SQLException {
    Connection connection =
        new Driver().connect(config.url().jdbcUrl(), properties(config, application));
    if (connection == null) {
      throw new SQLException("the PostgreSQL driver does not accept " + config.url().describe());
    }
    return connection;
  }

  private static Properties properties(PostgresConfig config, String application) {
    Properties properties = new Properties();
    if (config.url().user() != null) {
      properties.setProperty("user", config.url().user());
    }
    if (config.url().password() != null) {
      properties.setProperty("password", config.url().password());
    }
    // Unqualified table names in the statements resolve to the store's schema.
    properties.setProperty("currentSchema", config.schema());
    // String parameters go untyped, so the server types them from their column (text, jsonb, ...)
    // and one statement file serves SQLite and PostgreSQL.
    properties.setProperty("stringtype", "unspecified");
    // Shown in pg_stat_activity, so operators can tell Drover's connections apart.
    properties.setProperty("ApplicationName", application);
    // reWriteBatchedInserts stays off: acknowledgements read each batch row's update count.
    // Every call has a deadline: connecting, each statement (cancelled by the server), and any
    // wait for the server's answer (a black-holed connection is dropped, not waited on forever).
    String connect = Long.toString(wholeSeconds(config.connectTimeout()));
    properties.setProperty("connectTimeout", connect); // the TCP connect
    properties.setProperty("loginTimeout", connect); // the whole of it, with TLS and login
    // A transaction left open by a client that froze (a long GC pause, a suspended VM) is ended by
    // the server too, so the rows it locked can be reaped and claimed by others.
    long statementMillis = config.statementTimeout().toMillis();
    properties.setProperty(
        "options",
        "-c statement_timeout="
            + statementMillis
            + " -c idle_in_transaction_session_timeout="
            + statementMillis);
    properties.setProperty("socketTimeout", Long.toString(wholeSeconds(config.socketTimeout())));
    return properties;
  }

  /** The driver takes these timeouts in whole seconds; a part of one counts as one. */
  private static long wholeSeconds(Duration timeout) {
    return (timeout.toMillis() + 999) / 1000;
  }
}
