package io.drover.store.jdbc;

import io.drover.maintenance.PeriodicTask;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log into the database file from a thread and connection of its own. SQLite
 * would otherwise do it inside whichever commit crosses a size threshold, and that commit, a claim
 * or an enqueue, would wait milliseconds for it. A PASSIVE checkpoint takes no lock that writers
 * wait on: it copies what it can and leaves the rest for the next round.
 */
final class SqliteCheckpointer implements AutoCloseable {
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(SqliteCheckpointer.class);

  private final Connection connection;
  private final String file;
  private final PeriodicTask task;

  private SqliteCheckpointer(Connection connection, String file) {
    this.connection = connection;
    this.file = file;
    this.task = new PeriodicTask("sqlite-checkpoint", INTERVAL, this::checkpoint);
  }

  /**
   * Turns automatic checkpoints off on {@code writer} and starts checkpointing on {@code own}.
   *
   * @param own a connection to the same file, used by nothing else; closed with this
   */
  static SqliteCheckpointer start(Connection writer, Connection own, String file)
      throws SQLException {
    try (Statement statement = writer.createStatement()) {
      statement.execute("PRAGMA wal_autocheckpoint = 0");
    }
    SqliteCheckpointer checkpointer = new SqliteCheckpointer(own, file);
    checkpointer.task.start();
    return checkpointer;
  }

  private void checkpoint() {
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (SQLException e) {
      throw SqlErrors.SQLITE.translate(
          "sqlite store " + file + ": checkpoint failed: " + e.getMessage(), e);
    }
  }

  /** Stops checkpointing; closing the last connection then checkpoints what is left. */
  @Override
  public void close() {
    task.stop();
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn(
          "store: sqlite checkpoint connection close failed file={}: {}", file, e.getMessage());
    }
  }
}
