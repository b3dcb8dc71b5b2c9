package io.drover.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.drover.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Each transaction on its own pooled connection, at READ COMMITTED (the pool sets it, and turns
 * auto-commit off), so any number of threads and processes work at once and row locks keep them
 * apart. Nothing is retried here: an operation that fails reaches the caller as unavailable or as a
 * store failure ({@link SqlErrors}), and the runtime's loops try again on their own schedule.
 */
final class PostgresTransactor implements Transactor {
  private final HikariDataSource pool;
  private final String store;
  private final AutoCloseable housekeeping;

  /**
   * @param pool connections with auto-commit off; closed with this transactor
   * @param store how messages name the store, e.g. {@code postgres store host:5432/db schema=x}
   * @param housekeeping background work on the pool, stopped before it closes
   */
  PostgresTransactor(HikariDataSource pool, String store, AutoCloseable housekeeping) {
    this.pool = pool;
    this.store = store;
    this.housekeeping = housekeeping;
  }

  @Override
  public <T> T write(String operation, SqlWork<T> work) {
    return inTransaction(operation, work);
  }

  @Override
  public <T> T read(String operation, SqlWork<T> work) {
    return inTransaction(operation, work);
  }

  @Override
  public <T> T readAlone(String operation, SqlWork<T> work) {
    return autoCommitted(operation, work);
  }

  /**
   * Auto-commit is turned on for the work; the pool turns it off again as the connection comes
   * back. The driver sends nothing for either, as no transaction is open at those moments.
   */
  @Override
  public <T> T autoCommitted(String operation, SqlWork<T> work) {
    return onConnection(
        operation,
        connection -> {
          connection.setAutoCommit(true);
          return work.run(connection);
        });
  }

  private <T> T inTransaction(String operation, SqlWork<T> work) {
    return onConnection(
        operation,
        connection -> {
          try {
            T result = work.run(connection);
            connection.commit();
            return result;
          } catch (Throwable failure) {
            rollbackAfter(connection, failure);
            throw failure;
          }
        });
  }

  private <T> T onConnection(String operation, SqlWork<T> work) {
    if (pool.isClosed()) {
      throw new StoreUnavailableException(store + " is closed (" + operation + ")", null);
    }
    try (Connection connection = pool.getConnection()) {
      return work.run(connection);
    } catch (SQLTransientConnectionException e) {
      // The pool's wait ran out: either every connection is busy or none can be made.
      throw new StoreUnavailableException(
          store
              + ": "
              + operation
              + " failed: no connection within "
              + pool.getConnectionTimeout()
              + " ms ("
              + poolState()
              + ")"
              + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()),
          e);
    } catch (SQLException e) {
      throw SqlErrors.POSTGRES.translate(
          store + ": " + operation + " failed: " + e.getMessage(), e);
    }
  }

  private String poolState() {
    HikariPoolMXBean state = pool.getHikariPoolMXBean();
    return "active="
        + state.getActiveConnections()
        + ", idle="
        + state.getIdleConnections()
        + ", waiting="
        + state.getThreadsAwaitingConnection()
        + ", size="
        + pool.getMaximumPoolSize();
  }

  private static void rollbackAfter(Connection connection, Throwable failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    try {
      housekeeping.close();
    } catch (Exception e) {
      throw new StoreUnavailableException(store + ": stopping housekeeping failed: " + e, e);
    } finally {
      pool.close();
    }
  }
}
