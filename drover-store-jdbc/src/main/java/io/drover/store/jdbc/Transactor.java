package io.drover.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work in a database transaction and is where driver exceptions stop: a {@link SQLException}
 * leaves as {@link io.drover.StoreUnavailableException} or {@link io.drover.StoreFailureException}
 * ({@link SqlErrors}) naming the operation. Work that throws rolls back; other exceptions pass
 * through unchanged.
 */
interface Transactor extends AutoCloseable {

  /** Runs {@code work} in a transaction that may write, and commits it. */
  <T> T write(String operation, SqlWork<T> work);

  /**
   * Runs {@code work} whose statements each stand alone, each committed as it runs, so no COMMIT
   * follows them: one round trip fewer where a commit is one. A store whose commits cost no round
   * trip may run it as a {@link #write}.
   */
  default <T> T autoCommitted(String operation, SqlWork<T> work) {
    return write(operation, work);
  }

  /** Runs {@code work} in a transaction that only reads. */
  <T> T read(String operation, SqlWork<T> work);

  /**
   * Runs {@code work} that only reads and whose statements need not see one snapshot, each standing
   * alone: no BEGIN and COMMIT around it where they cost round trips. Others run it as a {@link
   * #read}.
   */
  default <T> T readAlone(String operation, SqlWork<T> work) {
    return read(operation, work);
  }

  /**
   * Whether one connection serves every transaction, one at a time, so that statements may outlive
   * a transaction; they close with the connection.
   */
  default boolean hasOneConnection() {
    return false;
  }

  /** Closes the connections; later transactions fail as unavailable. Idempotent. */
  @Override
  void close();

  /** Database work on one connection inside a transaction. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
