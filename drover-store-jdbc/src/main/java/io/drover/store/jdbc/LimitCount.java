package io.drover.store.jdbc;

import io.drover.limit.LimitSpec;
import io.drover.limit.StartWindow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One limit's counts as read inside a transaction: its governed jobs running now, per key and in
 * all, read from jobs themselves (so whatever ended an attempt has freed its slot), and for a rate
 * each key's next allowed start (GCRA's theoretical arrival time, epoch microseconds) where it is
 * still ahead. A claim advances the counts as it takes jobs and writes the rate and its starts
 * back.
 */
final class LimitCount {
  final LimitSpec spec;
  private final Map<String, Long> activeByKey;
  private final Map<String, Long> nextStart;
  private final Set<String> charged = new HashSet<>();
  private long active;
  private long started;

  private LimitCount(LimitSpec spec, Map<String, Long> activeByKey, Map<String, Long> nextStart) {
    this.spec = spec;
    this.activeByKey = activeByKey;
    this.nextStart = nextStart;
    this.active = activeByKey.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The counts as a status reports them: running jobs are counted under any limit. */
  static LimitCount read(StatementCache statements, Dialect dialect, LimitSpec spec, long nowMicros)
      throws SQLException {
    return read(statements, dialect, spec, nowMicros, true);
  }

  /**
   * The counts a claim needs: a rate alone holds keys back by their starts, so running jobs are
   * counted only under a concurrency cap, which saves a claim a walk of the active jobs.
   */
  static LimitCount toClaim(
      StatementCache statements, Dialect dialect, LimitSpec spec, long nowMicros)
      throws SQLException {
    return read(statements, dialect, spec, nowMicros, spec.capsConcurrency());
  }

  private static LimitCount read(
      StatementCache statements,
      Dialect dialect,
      LimitSpec spec,
      long nowMicros,
      boolean countRunning)
      throws SQLException {
    Map<String, Long> active =
        countRunning
            ? perKey(governed(statements, dialect, "active_by_key", spec), "jobs")
            : new HashMap<>();
    Map<String, Long> nextStart = new HashMap<>();
    if (spec.rate() != null) {
      BoundStatement rates =
          statements.get("rate_states").set("name", spec.name()).set("now", nowMicros);
      nextStart = perKey(rates, "next_start");
    }
    return new LimitCount(spec, active, nextStart);
  }

  /** The statement {@code name}, one that counts jobs the limit governs, with their match bound. */
  static BoundStatement governed(
      StatementCache statements, Dialect dialect, String name, LimitSpec spec) throws SQLException {
    return statements
        .get(name)
        .set("patterns", dialect.queuePatterns(statements.connection(), spec.queues()))
        .set("kinds", dialect.textList(statements.connection(), spec.kinds()));
  }

  /** A query's rows of {@code rate_key} and a number, as a map. */
  private static Map<String, Long> perKey(BoundStatement query, String column) throws SQLException {
    Map<String, Long> values = new HashMap<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        values.put(rows.getString("rate_key"), rows.getLong(column));
      }
    }
    return values;
  }

  long active() {
    return active;
  }

  long active(String key) {
    return activeByKey.getOrDefault(key, 0L);
  }

  /** Whether a governed job of {@code key} may start at {@code nowMicros}. */
  boolean admits(String key, long nowMicros) {
    return spec.admits(active, active(key), nextStart.get(key), nowMicros);
  }

  /** Whether a governed job of a key with nothing running and no rate state may start. */
  boolean admitsSomeKey(long nowMicros) {
    return spec.admits(active, 0, null, nowMicros);
  }

  /** The keys whose governed jobs may not start at {@code nowMicros}, as the counts stand. */
  Set<String> heldKeys(long nowMicros) {
    Set<String> held = new HashSet<>();
    for (String key : activeByKey.keySet()) {
      if (!admits(key, nowMicros)) {
        held.add(key);
      }
    }
    for (String key : nextStart.keySet()) {
      if (!admits(key, nowMicros)) {
        held.add(key);
      }
    }
    return held;
  }

  /** Whether the rate keeps {@code key} from starting at {@code nowMicros}. */
  boolean rateHolds(String key, long nowMicros) {
    return spec.rate() != null && spec.rate().holds(nextStart.get(key), nowMicros);
  }

  /** When the rate lets {@code key} start, in epoch microseconds; only while it holds the key. */
  long opensAt(String key) {
    return spec.rate().opensAt(nextStart.get(key));
  }

  /** Counts a start of {@code key} at {@code nowMicros}: a slot, and a turn of the rate. */
  void charge(String key, long nowMicros) {
    activeByKey.merge(key, 1L, Long::sum);
    active++;
    started++;
    if (spec.rate() != null) {
      nextStart.put(key, spec.rate().afterStart(nextStart.get(key), nowMicros));
      charged.add(key);
    }
  }

  /** Adds the jobs charged to the recent starts of the limit, in the bucket of {@code now} (ms). */
  void saveStarts(StatementCache statements, long now) throws SQLException {
    if (started == 0) {
      return;
    }
    StartWindow window = StartWindow.of(spec);
    long bucket = window.bucket(now);
    statements
        .get("count_starts")
        .set("name", spec.name())
        .set("bucket", bucket)
        .set("starts", started)
        .set("expires_at", window.expiresAt(bucket))
        .executeUpdate();
  }

  /** The limit's governed starts within its window, at {@code now} (ms). */
  static long recentStarts(StatementCache statements, LimitSpec spec, long now)
      throws SQLException {
    StartWindow window = StartWindow.of(spec);
    BoundStatement count =
        statements
            .get("recent_starts")
            .set("name", spec.name())
            .set("first", window.firstCounted(now))
            .set("last", window.bucket(now));
    try (ResultSet row = count.executeQuery()) {
      row.next(); // SUM gives one row
      return row.getLong("starts");
    }
  }

  /** Writes the next start of each key charged back to {@code limit_rates}. */
  void saveRates(StatementCache statements) throws SQLException {
    if (charged.isEmpty()) {
      return;
    }
    BoundStatement save = statements.get("save_rate_state");
    for (String key : charged) {
      save.set("name", spec.name()).set("rate_key", key).set("next_start", nextStart.get(key));
      save.addBatch();
    }
    save.executeBatch();
  }
}
