package io.drover.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work in a transaction with the store's named statements at hand: each statement prepared on
 * first use in that transaction and all closed together at its end.
 */
final class StoreTransactions {
  private final Transactor transactor;
  private final SqlStatements sql;

  StoreTransactions(Transactor transactor, SqlStatements sql) {
    this.transactor = transactor;
    this.sql = sql;
  }

  <T> T write(String operation, StatementWork<T> work) {
    return transactor.write(operation, connection -> run(connection, work));
  }

  <T> T read(String operation, StatementWork<T> work) {
    return transactor.read(operation, connection -> run(connection, work));
  }

  private <T> T run(Connection connection, StatementWork<T> work) throws SQLException {
    try (StatementCache statements = new StatementCache(connection, sql)) {
      return work.run(statements);
    }
  }

  /** Work on the statements of one transaction. */
  @FunctionalInterface
  interface StatementWork<T> {
    T run(StatementCache statements) throws SQLException;
  }
}
