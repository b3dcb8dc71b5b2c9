package io.drover.store.jdbc;

import io.drover.store.ClaimRequest;
import io.drover.store.QueuePattern;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The windows of a claim under limits: in each matching queue, the first due jobs in claim order
 * less those of keys a limit holds back, as lanes, all queues in one statement. Reading a few jobs
 * past the held keys costs a claim little however many keys wait, where reading every lane's first
 * job costs a probe per key. The windows are read again once the claim has filled more keys, and
 * say when they may have left admitted jobs unseen, so that the claim can read every lane instead.
 */
final class ClaimWindows {
  /** Jobs read per job the claim may take: a key's jobs past its cap are read and passed over. */
  private static final int ROWS_PER_JOB = 8;

  /**
   * The most due jobs a window walks, held keys' included: past them, reading every lane is the
   * cheaper way.
   */
  private static final int SCAN = 10_000;

  private final StatementCache statements;
  private final Dialect dialect;
  private final ClaimRequest request;
  private boolean full;
  private boolean leftOutHeld;

  private ClaimWindows(StatementCache statements, Dialect dialect, ClaimRequest request) {
    this.statements = statements;
    this.dialect = dialect;
    this.request = request;
  }

  /**
   * The windows of the queues {@code request} matches; null if a fair limit may govern one of them,
   * as an order by turns needs every lane.
   */
  static ClaimWindows open(
      StatementCache statements, Dialect dialect, KnownLimits known, ClaimRequest request) {
    return known.mayMakeFair(request.queues())
        ? null
        : new ClaimWindows(statements, dialect, request);
  }

  /**
   * Each queue's window as the counts stand now, as lanes by queue, leaving out the jobs the claim
   * has chosen already.
   *
   * @param wanted the most jobs the claim may still take
   */
  Map<String, List<Lane>> read(
      Collection<LimitCount> counts, Set<String> chosen, long now, int wanted) throws SQLException {
    long nowMicros = now * 1_000;
    // Only limits of every kind: a limit of some kinds does not hold back a key's other jobs.
    List<String> heldKeys = new ArrayList<>();
    List<QueuePattern> heldQueues = new ArrayList<>();
    List<QueuePattern> closed = new ArrayList<>();
    for (LimitCount count : counts) {
      if (!count.spec.kinds().isEmpty()) {
        continue;
      }
      if (!count.admitsSomeKey(nowMicros)) {
        closed.addAll(count.spec.queues());
        continue;
      }
      for (String key : count.heldKeys(nowMicros)) {
        for (QueuePattern queue : count.spec.queues()) {
          heldKeys.add(key);
          heldQueues.add(queue);
        }
      }
    }
    int rows = Math.min(SCAN, wanted * ROWS_PER_JOB + chosen.size());
    BoundStatement select =
        statements
            .get("claim_windows")
            .set("patterns", dialect.queuePatterns(statements.connection(), request.queues()))
            .set("closed", dialect.queuePatterns(statements.connection(), closed))
            .set("held_keys", dialect.textList(statements.connection(), heldKeys))
            .set("held_queues", dialect.queuePatterns(statements.connection(), heldQueues))
            .set("now", now)
            .set("scan", SCAN)
            .set("rows", rows);
    Map<String, List<Lane.Row>> found = new LinkedHashMap<>();
    try (ResultSet result = select.executeQuery()) {
      while (result.next()) {
        found
            .computeIfAbsent(result.getString("queue"), queue -> new ArrayList<>())
            .add(Lane.Row.of(result));
      }
    }
    full = found.values().stream().anyMatch(window -> window.size() == rows);
    leftOutHeld = !heldKeys.isEmpty();
    Map<String, List<Lane>> windows = new LinkedHashMap<>();
    found.forEach((queue, window) -> windows.put(queue, Lane.ofWindow(queue, window, chosen)));
    return windows;
  }

  /**
   * Whether a window of the last read stopped short of its queue's end, so that reading it again
   * once the claim has filled more keys may find more.
   */
  boolean full() {
    return full;
  }

  /**
   * Whether the last read's windows may have left out jobs that limits admit now: a full one
   * stopped short, and one that left held keys out may have ended its walk on their jobs.
   */
  boolean mayHideJobs() {
    return full || leftOutHeld;
  }
}
