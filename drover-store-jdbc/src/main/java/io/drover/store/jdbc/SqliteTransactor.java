package io.drover.store.jdbc;

import io.drover.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SQLite allows one writer at a time, so one connection serves every transaction of this process in
 * turn, guarded by a lock. Writes begin {@code IMMEDIATE}, taking the file's write lock up front: a
 * second process then waits out the busy timeout instead of failing when a read turns into a write.
 * Transactions are begun and ended by statement with the driver left in auto-commit, because the
 * driver's own transaction mode would begin the next transaction, and hold the write lock, the
 * moment one commits.
 */
final class SqliteTransactor implements Transactor {
  private final Connection connection;
  private final SqliteCheckpointer checkpointer;
  private final String file;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  SqliteTransactor(Connection connection, SqliteCheckpointer checkpointer, String file) {
    this.connection = connection;
    this.checkpointer = checkpointer;
    this.file = file;
  }

  @Override
  public boolean hasOneConnection() {
    return true;
  }

  @Override
  public <T> T write(String operation, SqlWork<T> work) {
    return inTransaction(operation, "BEGIN IMMEDIATE", work);
  }

  @Override
  public <T> T read(String operation, SqlWork<T> work) {
    return inTransaction(operation, "BEGIN", work);
  }

  private <T> T inTransaction(String operation, String begin, SqlWork<T> work) {
    lock.lock();
    try {
      if (closed) {
        throw new StoreUnavailableException(
            "sqlite store " + file + " is closed (" + operation + ")", null);
      }
      execute(begin);
      try {
        T result = work.run(connection);
        execute("COMMIT");
        return result;
      } catch (Throwable failure) {
        rollbackAfter(failure);
        throw failure;
      }
    } catch (SQLException e) {
      throw SqlErrors.SQLITE.translate(
          "sqlite store " + file + ": " + operation + " failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private void rollbackAfter(Throwable failure) {
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        checkpointer.close();
        connection.close();
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "sqlite store " + file + ": close failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
