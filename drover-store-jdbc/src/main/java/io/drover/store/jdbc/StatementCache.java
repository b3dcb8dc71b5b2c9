package io.drover.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The statements one transaction uses, each prepared on first use and all closed together, so work
 * that needs several statements prepares only those it reaches and leaks none when it fails.
 */
final class StatementCache implements AutoCloseable {
  private final Connection connection;
  private final SqlStatements sql;
  private final Map<Key, BoundStatement> prepared = new HashMap<>();

  /** A statement prepared one way: as written, or to return the rows of a batch. */
  private record Key(String name, boolean returningBatch) {}

  StatementCache(Connection connection, SqlStatements sql) {
    this.connection = connection;
    this.sql = sql;
  }

  /** The transaction's connection, for values a dialect makes from it. */
  Connection connection() {
    return connection;
  }

  BoundStatement get(String name) throws SQLException {
    return prepared(new Key(name, false));
  }

  /**
   * The statement, which returns rows, prepared for {@link BoundStatement#executeBatchReturning}.
   */
  BoundStatement returningBatch(String name) throws SQLException {
    return prepared(new Key(name, true));
  }

  private BoundStatement prepared(Key key) throws SQLException {
    BoundStatement statement = prepared.get(key);
    if (statement == null) {
      NamedStatement named = sql.get(key.name());
      statement =
          key.returningBatch()
              ? named.prepareReturningBatch(connection)
              : named.prepare(connection);
      prepared.put(key, statement);
    }
    return statement;
  }

  @Override
  public void close() throws SQLException {
    SQLException failure = null;
    for (BoundStatement statement : prepared.values()) {
      try {
        statement.close();
      } catch (SQLException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    prepared.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
