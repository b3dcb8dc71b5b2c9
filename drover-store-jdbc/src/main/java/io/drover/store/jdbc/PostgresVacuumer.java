package io.drover.store.jdbc;

import io.drover.maintenance.PeriodicTask;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does autovacuum's work on the jobs table where autovacuum is off. Each claim leaves a dead entry
 * at the head of the claim index that later claims step over until VACUUM removes it; with nobody
 * vacuuming, a million finished jobs made claims ten times slower (the bench's backlog: 910 jobs/s
 * against 9,330 after a vacuum). Like autovacuum it looks every minute, vacuums on the thresholds
 * the table sets for autovacuum (V1 migration), 5,000 dead rows plus 1% of the live ones, and goes
 * at autovacuum's pace (2 ms pauses as it works), so claims running meanwhile keep the machine.
 * {@code SKIP_LOCKED}: when another process is vacuuming the table already, this one skips a turn.
 */
final class PostgresVacuumer implements AutoCloseable {
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(10);
  static final long BASE_THRESHOLD = 5_000;
  static final double SCALE_FACTOR = 0.01;

  private static final Logger log = LoggerFactory.getLogger(PostgresVacuumer.class);

  private final DataSource pool;
  private final SqlStatements sql;
  private final String schema;
  private final PeriodicTask task;

  private PostgresVacuumer(DataSource pool, SqlStatements sql, String schema) {
    this.pool = pool;
    this.sql = sql;
    this.schema = schema;
    this.task = new PeriodicTask("postgres-vacuum", CHECK_INTERVAL, this::vacuumIfDue);
  }

  /** Checks now and every {@link #CHECK_INTERVAL}. */
  static PostgresVacuumer start(DataSource pool, SqlStatements sql, String schema) {
    PostgresVacuumer vacuumer = new PostgresVacuumer(pool, sql, schema);
    vacuumer.task.start();
    return vacuumer;
  }

  private void vacuumIfDue() {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(true); // VACUUM cannot run in a transaction; the pool resets it
      long dead;
      long live;
      try (BoundStatement rows = sql.get("dead_rows").prepare(connection);
          ResultSet row = rows.set("schema", schema).executeQuery()) {
        if (!row.next()) {
          return;
        }
        dead = row.getLong("n_dead_tup");
        live = row.getLong("n_live_tup");
      }
      if (dead <= BASE_THRESHOLD + SCALE_FACTOR * live) {
        return;
      }
      long started = System.nanoTime();
      try (Statement vacuum = connection.createStatement()) {
        // A vacuum of a large table may outlast the store's statement and socket timeouts, which
        // bound the calls jobs wait on; the pool resets the socket one, RESET the other.
        connection.setNetworkTimeout(Runnable::run, 0);
        vacuum.execute("SET statement_timeout = 0");
        try {
          // The schema is a checked identifier (PostgresConfig.SCHEMA_NAME).
          vacuum.execute("VACUUM (SKIP_LOCKED) " + schema + ".jobs");
        } finally {
          vacuum.execute("RESET statement_timeout");
        }
      }
      log.debug(
          "store: postgres vacuumed {}.jobs dead_rows={} ms={}",
          schema,
          dead,
          (System.nanoTime() - started) / 1_000_000);
    } catch (SQLException e) {
      throw SqlErrors.POSTGRES.translate(
          "postgres store: vacuum of " + schema + ".jobs failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    task.stop();
  }
}
