package io.drover.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.BitSet;

/**
 * A prepared {@link NamedStatement} whose parameters are set by name. Every parameter must be set
 * before each execution or batch row, so a statement and the code binding it cannot drift apart
 * unnoticed.
 */
final class BoundStatement implements AutoCloseable {
  private final NamedStatement statement;
  private final PreparedStatement prepared;
  private final BitSet bound;
  private ResultSet results;

  BoundStatement(NamedStatement statement, PreparedStatement prepared) {
    this.statement = statement;
    this.prepared = prepared;
    this.bound = new BitSet(statement.parameterCount() + 1);
  }

  /**
   * Sets a parameter to a String, Integer, Long or null.
   *
   * @throws IllegalArgumentException if the statement has no such parameter
   */
  BoundStatement set(String name, Object value) throws SQLException {
    int[] positions = statement.positions().get(name);
    if (positions == null) {
      throw new IllegalArgumentException(
          "statement '" + statement.name() + "' has no parameter :" + name);
    }
    for (int position : positions) {
      if (value == null) {
        prepared.setNull(position, Types.NULL);
      } else {
        prepared.setObject(position, value);
      }
      bound.set(position);
    }
    return this;
  }

  /** Sets a time parameter as epoch milliseconds, or null. */
  BoundStatement set(String name, Instant value) throws SQLException {
    return set(name, value == null ? null : value.toEpochMilli());
  }

  int executeUpdate() throws SQLException {
    checkAllSet();
    return prepared.executeUpdate();
  }

  /** Runs a query; the result set closes with this statement. */
  ResultSet executeQuery() throws SQLException {
    checkAllSet();
    results = prepared.executeQuery();
    return results;
  }

  void addBatch() throws SQLException {
    checkAllSet();
    prepared.addBatch();
  }

  /** Runs the batch: one update count per row, in the order added. */
  int[] executeBatch() throws SQLException {
    return prepared.executeBatch();
  }

  /**
   * Runs the batch of a statement that returns rows, prepared by {@link
   * StatementCache#returningBatch}: the rows of every batch row, in the order added. The result set
   * closes with this statement.
   */
  ResultSet executeBatchReturning() throws SQLException {
    prepared.executeBatch();
    results = prepared.getGeneratedKeys();
    return results;
  }

  private void checkAllSet() {
    if (bound.cardinality() != statement.parameterCount()) {
      throw new IllegalStateException(
          "statement '" + statement.name() + "' has parameters left unset");
    }
    bound.clear();
  }

  /**
   * Readies the statement for another transaction: its rows closed (which also lets SQLite's
   * statement go of the database), its batch and parameters cleared.
   */
  void release() throws SQLException {
    if (results != null) {
      results.close();
      results = null;
    }
    prepared.clearBatch();
    prepared.clearParameters();
    bound.clear();
  }

  @Override
  public void close() throws SQLException {
    prepared.close();
  }
}
