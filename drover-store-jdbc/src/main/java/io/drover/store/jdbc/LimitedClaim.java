package io.drover.store.jdbc;

import io.drover.Job;
import io.drover.limit.LimitSpec;
import io.drover.store.ClaimRequest;
import io.drover.store.LeaseTokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A claim of queues that limits govern, inside the claim's write transaction, which has locked the
 * limits ({@link JdbcLimits#lockFor}). It counts what they hold ({@link LimitCount}), and takes
 * jobs one at a time as the memory store does: in each queue the first lane (kind and key) whose
 * first job every limit admits (a fair queue orders its lanes by turn first), across queues the
 * best of those in claim order. It takes from each queue's window ({@link ClaimWindows}) first;
 * when the windows give nothing (a fair queue, or held keys' jobs filling them), it reads the first
 * due job of every lane, so a lane a limit refuses is passed over whole however many jobs it holds.
 * The chosen jobs become active in one statement, and the rates charged, the starts and the turns
 * taken are written back.
 */
final class LimitedClaim {
  /**
   * The most times a claim reads its windows: each read after the first leaves out the keys the
   * claim has filled, which a hot key's jobs may have crowded the first with.
   */
  private static final int WINDOW_PASSES = 3;

  private final StatementCache statements;
  private final long now;
  private final long nowMicros;
  private final int max;
  private final List<LimitCount> counts;
  private final Map<String, PriorityQueue<Lane>> queues = new LinkedHashMap<>();
  private final Map<String, Long> turns = new HashMap<>();
  private final Set<Lane> turned = new LinkedHashSet<>();

  private LimitedClaim(StatementCache statements, long now, int max, List<LimitCount> counts) {
    this.statements = statements;
    this.now = now;
    this.nowMicros = now * 1_000;
    this.max = max;
    this.counts = counts;
  }

  /**
   * Claims under {@code over}, the limits that may govern the request's queues, sorted by name.
   *
   * <p>The claim's time is read once the counts are: a job whose end the counts saw had its
   * finished_at set before its transaction committed, so no job this claim starts has a started_at
   * before the finished_at of one whose slot it took, however long the claim waited for the lock.
   * Jobs' recorded runs then never overlap more than a cap allows.
   *
   * @return the jobs claimed, in no particular order
   */
  static List<Job> claim(
      StatementCache statements,
      Dialect dialect,
      InstantSource clock,
      KnownLimits known,
      List<LimitSpec> over,
      ClaimRequest request)
      throws SQLException {
    long before = clock.millis();
    List<LimitCount> counts = new ArrayList<>();
    for (LimitSpec spec : over) {
      if (spec.caps()) {
        // Rates still ahead at the earlier time include those still ahead now.
        counts.add(LimitCount.toClaim(statements, dialect, spec, before * 1_000));
      }
    }
    long now = Math.max(before, clock.millis());
    LeaseTokens tokens = LeaseTokens.draw(now);
    LimitedClaim claim = new LimitedClaim(statements, now, request.max(), counts);
    List<String> ids = claim.chooseAll(dialect, known, request);
    if (ids.isEmpty()) {
      return new ArrayList<>();
    }
    BoundStatement update =
        Claims.bindLease(statements.get("claim_jobs"), request, now, tokens)
            .set("ids", dialect.textList(statements.connection(), ids));
    List<Job> claimed;
    try (ResultSet rows = update.executeQuery()) {
      claimed = JobRows.readAll(rows);
    }
    for (LimitCount count : claim.counts) {
      count.saveRates(statements);
      count.saveStarts(statements, now);
    }
    claim.saveTurns();
    return claimed;
  }

  /**
   * The ids to claim, in the order taken: from the windows, read again while they may hold more;
   * from every lane if the windows gave nothing yet may have hidden something.
   */
  private List<String> chooseAll(Dialect dialect, KnownLimits known, ClaimRequest request)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    ClaimWindows windows = ClaimWindows.open(statements, dialect, known, request);
    if (windows != null) {
      for (int pass = 0; pass < WINDOW_PASSES && ids.size() < max; pass++) {
        load(windows.read(counts, new HashSet<>(ids), now, max - ids.size()));
        int taken = ids.size();
        choose(ids);
        if (ids.size() == taken || !windows.full()) {
          break;
        }
      }
    }
    if (ids.isEmpty() && (windows == null || windows.mayHideJobs())) {
      queues.clear();
      readLanes(dialect, known, request);
      choose(ids);
    }
    return ids;
  }

  private void readLanes(Dialect dialect, KnownLimits known, ClaimRequest request)
      throws SQLException {
    BoundStatement select =
        statements
            .get("claim_lanes")
            .set("patterns", dialect.queuePatterns(statements.connection(), request.queues()))
            .set("now", now);
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        Lane lane = Lane.firstOf(rows);
        queues
            .computeIfAbsent(
                lane.queue,
                queue -> new PriorityQueue<>(known.isFair(queue) ? Lane.BY_TURN : Lane.BY_HEAD))
            .add(lane);
      }
    }
    for (String queue : queues.keySet()) {
      if (known.isFair(queue)) {
        turns.put(queue, lastTurn(queue));
      }
    }
  }

  /** Lanes of claim windows, in place of those of an earlier pass. */
  private void load(Map<String, List<Lane>> windows) {
    queues.clear();
    windows.forEach(
        (queue, lanes) -> {
          PriorityQueue<Lane> ordered = new PriorityQueue<>(Lane.BY_HEAD);
          ordered.addAll(lanes);
          queues.put(queue, ordered);
        });
  }

  /** Adds the ids to claim to {@code ids}, in the order taken, up to the claim's most. */
  private void choose(List<String> ids) throws SQLException {
    while (ids.size() < max) {
      PriorityQueue<Lane> from = null;
      for (PriorityQueue<Lane> lanes : queues.values()) {
        Lane first = firstAdmitted(lanes);
        if (first != null && (from == null || Lane.BY_HEAD.compare(first, from.peek()) < 0)) {
          from = lanes;
        }
      }
      if (from == null) {
        break;
      }
      Lane lane = from.poll();
      ids.add(lane.head().id());
      for (LimitCount count : counts) {
        if (count.spec.governs(lane.queue, lane.kind)) {
          count.charge(lane.key, nowMicros);
        }
      }
      Long turn = turns.computeIfPresent(lane.queue, (queue, last) -> last + 1);
      if (turn != null) {
        lane.served = turn;
        turned.add(lane);
      }
      if (lane.advance(statements, now, max)) {
        from.add(lane);
      }
    }
  }

  /**
   * The first lane of a queue whose first job every limit admits, dropping those before it: a lane
   * refused now stays refused for the rest of the claim, as taking jobs only fills limits up.
   */
  private Lane firstAdmitted(PriorityQueue<Lane> lanes) {
    while (!lanes.isEmpty() && !admitted(lanes.peek())) {
      lanes.poll();
    }
    return lanes.peek();
  }

  private boolean admitted(Lane lane) {
    for (LimitCount count : counts) {
      if (count.spec.governs(lane.queue, lane.kind) && !count.admits(lane.key, nowMicros)) {
        return false;
      }
    }
    return true;
  }

  private long lastTurn(String queue) throws SQLException {
    try (ResultSet row = statements.get("last_fair_turn").set("queue", queue).executeQuery()) {
      row.next();
      return row.getLong("served");
    }
  }

  private void saveTurns() throws SQLException {
    if (turned.isEmpty()) {
      return;
    }
    BoundStatement save = statements.get("save_fair_turn");
    for (Lane lane : turned) {
      save.set("queue", lane.queue).set("lane", lane.name).set("served", lane.served);
      save.addBatch();
    }
    save.executeBatch();
  }
}
