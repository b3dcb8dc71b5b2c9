package io.drover.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work in a transaction with the store's named statements at hand: each statement prepared on
 * first use in that transaction and all closed together at its end; or, where one connection serves
 * every transaction (SQLite), prepared once and kept, as SQLite compiles a statement anew each time
 * it is prepared.
 */
final class StoreTransactions {
  private final Transactor transactor;
  private final SqlStatements sql;

  /**
   * The one connection's statements, used only inside its transactions, which run one at a time.
   */
  private StatementCache kept;

  StoreTransactions(Transactor transactor, SqlStatements sql) {
    this.transactor = transactor;
    this.sql = sql;
  }

  <T> T write(String operation, StatementWork<T> work) {
    return transactor.write(operation, connection -> run(connection, work));
  }

  /** Work whose statements each stand alone ({@link Transactor#autoCommitted}). */
  <T> T autoCommitted(String operation, StatementWork<T> work) {
    return transactor.autoCommitted(operation, connection -> run(connection, work));
  }

  <T> T read(String operation, StatementWork<T> work) {
    return transactor.read(operation, connection -> run(connection, work));
  }

  /** Reads that need not see one snapshot ({@link Transactor#readAlone}). */
  <T> T readAlone(String operation, StatementWork<T> work) {
    return transactor.readAlone(operation, connection -> run(connection, work));
  }

  private <T> T run(Connection connection, StatementWork<T> work) throws SQLException {
    if (!transactor.hasOneConnection()) {
      try (StatementCache statements = new StatementCache(connection, sql)) {
        return work.run(statements);
      }
    }
    if (kept == null || kept.connection() != connection) {
      kept = new StatementCache(connection, sql);
    }
    T result;
    try {
      result = work.run(kept);
    } catch (Throwable failure) {
      try {
        kept.release();
      } catch (SQLException e) {
        failure.addSuppressed(e);
      }
      throw failure;
    }
    kept.release();
    return result;
  }

  /** Work on the statements of one transaction. */
  @FunctionalInterface
  interface StatementWork<T> {
    T run(StatementCache statements) throws SQLException;
  }
}
