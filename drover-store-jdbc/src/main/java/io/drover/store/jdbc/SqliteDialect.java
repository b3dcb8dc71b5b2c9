package io.drover.store.jdbc;

import io.drover.JobSpec;
import io.drover.store.QueuePattern;
import io.drover.store.StoredJson;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * SQLite: queue patterns are GLOB patterns as they are written, since queue names hold none of
 * GLOB's special characters but {@code *}; they travel as a JSON array read with {@code json_each}.
 */
final class SqliteDialect extends Dialect {
  static final SqliteDialect INSTANCE = new SqliteDialect();

  private SqliteDialect() {
    super("sqlite");
  }

  /** One insert per spec, sent as one batch: SQLite runs in this process, so calls are cheap. */
  @Override
  boolean[] insertJobs(StatementCache statements, List<JobSpec> specs, Set<UUID> blocked, long now)
      throws SQLException {
    BoundStatement insert = statements.get("insert_job");
    for (JobSpec spec : specs) {
      JobRows.bindInsert(insert, spec, blocked.contains(spec.id()), now);
      insert.addBatch();
    }
    int[] counts = insert.executeBatch();
    boolean[] inserted = new boolean[counts.length];
    for (int i = 0; i < counts.length; i++) {
      inserted[i] = counts[i] > 0;
    }
    return inserted;
  }

  /**
   * The driver refuses batches that return rows; running the statements one by one costs no round
   * trip, as SQLite runs in this process.
   */
  @Override
  boolean batchesReturnRows() {
    return false;
  }

  @Override
  Object textList(Connection connection, List<String> values) {
    return StoredJson.strings(values);
  }

  /** Claims run in write transactions, which SQLite already runs one at a time. */
  @Override
  long lockLimits(StatementCache statements, List<String> names) throws SQLException {
    return JdbcLimits.version(statements);
  }

  @Override
  Object queuePatterns(Connection connection, List<QueuePattern> patterns) throws SQLException {
    return StoredJson.strings(patterns.stream().map(QueuePattern::text).toList());
  }
}
