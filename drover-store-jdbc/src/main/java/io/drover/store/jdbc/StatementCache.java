package io.drover.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The statements of one connection's transactions, each prepared on first use, so work that needs
 * several statements prepares only those it reaches. All are closed together at the end of a
 * transaction, leaking none when it fails; or, where one connection serves every transaction, kept
 * and released for the next one ({@link #release}).
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

  /**
   * Readies every statement for the connection's next transaction; one that cannot be readied is
   * closed and prepared anew when next used.
   */
  void release() throws SQLException {
    SQLException failure = null;
    for (var entry = prepared.values().iterator(); entry.hasNext(); ) {
      BoundStatement statement = entry.next();
      try {
        statement.release();
      } catch (SQLException e) {
        entry.remove();
        failure = joined(failure, e);
        try {
          statement.close();
        } catch (SQLException closing) {
          failure.addSuppressed(closing);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static SQLException joined(SQLException first, SQLException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  @Override
  public void close() throws SQLException {
    SQLException failure = null;
    for (BoundStatement statement : prepared.values()) {
      try {
        statement.close();
      } catch (SQLException e) {
        failure = joined(failure, e);
      }
    }
    prepared.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
