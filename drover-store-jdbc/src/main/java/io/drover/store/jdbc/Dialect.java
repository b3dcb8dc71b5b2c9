package io.drover.store.jdbc;

import io.drover.JobSpec;
import io.drover.store.QueuePattern;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What one database does differently from the rest, so {@link JdbcJobStore} holds the port logic
 * once. Most differences are statements, kept in {@code <name>.sql} beside {@code common.sql}; this
 * object covers what Java must do differently.
 */
abstract class Dialect {
  private final String name;
  private final SqlStatements statements;

  /**
   * @param name the store's name as in {@code DROVER_STORE}; also names its statement file and
   *     migrations
   */
  Dialect(String name) {
    this.name = name;
    this.statements = SqlStatements.forDialect(name);
  }

  final String name() {
    return name;
  }

  /** This database's named statements: the shared files and its own, loaded once. */
  final SqlStatements statements() {
    return statements;
  }

  /** The Flyway location of this database's versioned migrations. */
  final String migrationsLocation() {
    return "classpath:io/drover/store/jdbc/migration/" + name;
  }

  /**
   * Inserts jobs without de-duplication keys, as if one by one in order: a spec whose id exists, or
   * came earlier in the list, inserts nothing.
   *
   * @param blocked ids of steps of a run that start {@code blocked}; the rest start as {@link
   *     JobRows#initialState} says
   * @return for each spec, whether it made a job
   */
  abstract boolean[] insertJobs(
      StatementCache statements, List<JobSpec> specs, Set<UUID> blocked, long now)
      throws SQLException;

  /** The value to bind to the {@code claim} statement's {@code :patterns} parameter. */
  abstract Object queuePatterns(Connection connection, List<QueuePattern> patterns)
      throws SQLException;

  /**
   * The value to bind to a parameter that takes a list of text ({@code :kinds}, {@code :ids}) in
   * this dialect's statements.
   */
  abstract Object textList(Connection connection, List<String> values) throws SQLException;

  /**
   * Makes claims under the named limits (sorted) wait for each other until the calling transaction
   * ends, so what one claim counts cannot change before it commits, and reads {@code limit_version}
   * in the same round trip. Where writes are already one at a time, it only reads.
   *
   * @return the version of the limits
   */
  abstract long lockLimits(StatementCache statements, List<String> names) throws SQLException;

  /**
   * True when a batch of statements that return rows (an {@code UPDATE … RETURNING} per item) runs
   * as one batch whose rows come back as its generated keys; false when each must run alone.
   */
  abstract boolean batchesReturnRows();
}
