package io.drover.store.jdbc;

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
  private final Thread thread;
  private volatile boolean running = true;

  private SqliteCheckpointer(Connection connection, String file) {
    this.connection = connection;
    this.thread =
        Thread.ofPlatform().daemon().name("drover-sqlite-checkpoint").unstarted(() -> run(file));
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
    checkpointer.thread.start();
    return checkpointer;
  }

  private void run(String file) {
    while (running) {
      try {
        Thread.sleep(INTERVAL);
        try (Statement statement = connection.createStatement()) {
          statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
        }
      } catch (InterruptedException e) {
        return;
      } catch (SQLException e) {
        if (running) {
          log.warn("store: sqlite checkpoint failed file={}: {}", file, e.getMessage());
        }
      }
    }
  }

  /** Stops checkpointing; closing the last connection then checkpoints what is left. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(5));
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      log.warn("store: sqlite checkpoint connection close failed: {}", e.getMessage());
    }
  }
}
