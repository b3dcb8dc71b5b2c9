package io.drover.store.jdbc;

import io.drover.JobSpec;
import io.drover.store.QueuePattern;
import io.drover.store.StoredJson;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * PostgreSQL: queue globs become LIKE patterns, {@code *} turned into {@code %} and LIKE's own
 * special characters escaped, and travel as one {@code text[]} matched with {@code LIKE ANY}.
 */
final class PostgresDialect extends Dialect {
  static final PostgresDialect INSTANCE = new PostgresDialect();

  /** The array parameters of {@code insert_jobs} and their element types, in row order. */
  private static final String[][] INSERT_COLUMNS = {
    {"ids", "text"},
    {"queues", "text"},
    {"kinds", "text"},
    {"payloads", "text"},
    {"priorities", "int4"},
    {"states", "text"},
    {"max_attempts", "int4"},
    {"backoff_base_ms", "int8"},
    {"backoff_max_ms", "int8"},
    {"timeout_ms", "int8"},
    {"run_ats", "int8"},
    {"rate_keys", "text"},
    {"tags", "text"},
    {"run_ids", "text"},
    {"depends_on", "text"}
  };

  private PostgresDialect() {
    super("postgres");
  }

  /**
   * One statement for the lot: the columns travel as arrays and {@code unnest} makes them rows, so
   * PostgreSQL plans and runs one insert rather than one per job. {@code RETURNING} names the jobs
   * made; a spec repeating an earlier one's id made none.
   */
  @Override
  boolean[] insertJobs(StatementCache statements, List<JobSpec> specs, Set<UUID> blocked, long now)
      throws SQLException {
    int count = specs.size();
    Object[][] columns = new Object[INSERT_COLUMNS.length][count];
    for (int i = 0; i < count; i++) {
      JobSpec spec = specs.get(i);
      long runAt = JobRows.runAt(spec, now);
      Object[] row = {
        Columns.text(spec.id()),
        spec.queue(),
        spec.kind(),
        spec.payload(),
        spec.priority(),
        JobRows.initialState(spec, blocked.contains(spec.id()), now).wireName(),
        spec.maxAttempts(),
        spec.backoff().base().toMillis(),
        spec.backoff().max().toMillis(),
        spec.timeout().toMillis(),
        runAt,
        spec.rateKey(),
        StoredJson.strings(spec.tags()),
        Columns.text(spec.runId()),
        StoredJson.ids(spec.dependsOn())
      };
      for (int column = 0; column < row.length; column++) {
        columns[column][i] = row[column];
      }
    }
    BoundStatement insert = statements.get("insert_jobs").set("now", now);
    Connection connection = statements.connection();
    for (int column = 0; column < INSERT_COLUMNS.length; column++) {
      insert.set(
          INSERT_COLUMNS[column][0],
          connection.createArrayOf(INSERT_COLUMNS[column][1], columns[column]));
    }
    Set<String> made = new HashSet<>();
    try (ResultSet rows = insert.executeQuery()) {
      while (rows.next()) {
        made.add(rows.getString(1));
      }
    }
    boolean[] inserted = new boolean[count];
    for (int i = 0; i < count; i++) {
      // remove: of two specs with one id, only the first made the job
      inserted[i] = made.remove(Columns.text(specs.get(i).id()));
    }
    return inserted;
  }

  /** The driver sends such a batch in one round trip, as any other. */
  @Override
  boolean batchesReturnRows() {
    return true;
  }

  @Override
  Object queuePatterns(Connection connection, List<QueuePattern> patterns) throws SQLException {
    return connection.createArrayOf(
        "text", patterns.stream().map(PostgresDialect::likePattern).toArray());
  }

  @Override
  Object textList(Connection connection, List<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray());
  }

  /** A transaction-scoped advisory lock per limit ({@code lock_limits}). */
  @Override
  long lockLimits(StatementCache statements, List<String> names) throws SQLException {
    BoundStatement lock =
        statements.get("lock_limits").set("names", textList(statements.connection(), names));
    try (ResultSet row = lock.executeQuery()) {
      row.next();
      return row.getLong("version");
    }
  }

  /**
   * The LIKE pattern matching what {@code pattern} matches. Queue names may hold {@code _}, which
   * LIKE reads as any one character; backslash, LIKE's default escape, makes it literal.
   */
  static String likePattern(QueuePattern pattern) {
    StringBuilder like = new StringBuilder();
    for (char ch : pattern.text().toCharArray()) {
      switch (ch) {
        case '*' -> like.append('%');
        case '%', '_', '\\' -> like.append('\\').append(ch);
        default -> like.append(ch);
      }
    }
    return like.toString();
  }
}
