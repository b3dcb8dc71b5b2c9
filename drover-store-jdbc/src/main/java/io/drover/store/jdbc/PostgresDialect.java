package io.drover.store.jdbc;

import io.drover.JobSpec;
import io.drover.store.Completion;
import io.drover.store.Failure;
import io.drover.store.QueuePattern;
import io.drover.store.StoredJson;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * PostgreSQL: queue globs become LIKE patterns, {@code *} turned into {@code %} and LIKE's own
 * special characters escaped, and travel as one {@code text[]} matched with {@code LIKE ANY}. Batch
 * inserts, completions and failures each travel as one statement over arrays, one per column.
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

  /** One {@code complete_jobs} statement for the batch, whatever its size. */
  @Override
  List<Applied> complete(StatementCache statements, List<Completion> completions, long now)
      throws SQLException {
    if (completions.isEmpty()) {
      return List.of();
    }
    Object[] ids = column(completions, completion -> Columns.text(completion.lease().jobId()));
    BoundStatement complete =
        statements
            .get("complete_jobs")
            .set("ids", array(statements, "text", ids))
            .set("tokens", array(statements, "int8", column(completions, c -> c.lease().token())))
            .set("results", array(statements, "text", column(completions, Completion::result)))
            .set("now", now);
    return applied(complete, ids);
  }

  /** One {@code fail_jobs} statement for the batch, whatever its size. */
  @Override
  List<Applied> fail(StatementCache statements, List<Failure> failures, long now)
      throws SQLException {
    if (failures.isEmpty()) {
      return List.of();
    }
    Object[] ids = column(failures, failure -> Columns.text(failure.lease().jobId()));
    BoundStatement fail =
        statements
            .get("fail_jobs")
            .set("ids", array(statements, "text", ids))
            .set("tokens", array(statements, "int8", column(failures, f -> f.lease().token())))
            .set(
                "states",
                array(statements, "text", column(failures, f -> FencedBatch.outcome(f).wireName())))
            .set("retry_ats", array(statements, "int8", column(failures, f -> millis(f.retryAt()))))
            .set(
                "finished_ats",
                array(statements, "int8", column(failures, f -> f.retryAt() == null ? now : null)))
            .set(
                "errors",
                array(statements, "text", column(failures, f -> StoredJson.error(f.error()))));
    return applied(fail, ids);
  }

  private static Long millis(Instant time) {
    return time == null ? null : time.toEpochMilli();
  }

  /** One value per item, for an array parameter. */
  private static <T> Object[] column(List<T> items, Function<T, Object> value) {
    Object[] column = new Object[items.size()];
    for (int i = 0; i < column.length; i++) {
      column[i] = value.apply(items.get(i));
    }
    return column;
  }

  private static Array array(StatementCache statements, String type, Object[] values)
      throws SQLException {
    return statements.connection().createArrayOf(type, values);
  }

  /** The jobs the statement applied to, in the order of {@code ids}, as a batch would give them. */
  private static List<Applied> applied(BoundStatement acknowledgement, Object[] ids)
      throws SQLException {
    Map<String, Applied> byId = new HashMap<>();
    try (ResultSet rows = acknowledgement.executeQuery()) {
      while (rows.next()) {
        byId.put(rows.getString("id"), Applied.read(rows));
      }
    }
    List<Applied> applied = new ArrayList<>(byId.size());
    for (Object id : ids) {
      Applied job = byId.remove(id);
      if (job != null) {
        applied.add(job);
      }
    }
    return applied;
  }

  @Override
  Object queuePatterns(Connection connection, List<QueuePattern> patterns) throws SQLException {
    return connection.createArrayOf(
        "text", patterns.stream().map(PostgresDialect::likePattern).toArray());
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
