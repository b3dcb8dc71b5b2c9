package io.drover.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One lane of a claim under limits: the due jobs of one kind and key in one queue, in claim order.
 * A lane of a claim window holds the window's jobs of its kind and key, all it gives the claim. A
 * lane of {@code claim_lanes} knows its first job and reads the rest only if the claim takes that
 * one and comes back for more; then it reads as many as the whole claim could take.
 */
final class Lane {
  /** Claim order: higher priority, then earlier run_at, then lower id. */
  static final Comparator<Candidate> CLAIM_ORDER =
      Comparator.comparingInt((Candidate job) -> -job.priority())
          .thenComparingLong(Candidate::runAt)
          .thenComparing(Candidate::id);

  /** Plain order: the lane whose first job comes first in claim order. */
  static final Comparator<Lane> BY_HEAD = Comparator.comparing(Lane::head, CLAIM_ORDER);

  /** Fair order: within a priority, the lane served longest ago, then {@link #BY_HEAD}. */
  static final Comparator<Lane> BY_TURN =
      Comparator.<Lane>comparingInt(lane -> -lane.head().priority())
          .thenComparingLong(lane -> lane.served)
          .thenComparing(BY_HEAD);

  /** A due job; ids as stored, whose text order is the port's id order. */
  record Candidate(String id, int priority, long runAt) {}

  final String queue;

  /** {@code "kind rate_key"}, as {@code jobs_lanes} and {@code fair_turns} name it. */
  final String name;

  final String kind;
  final String key;

  /** The fair turn it was last served in; 0 for never. */
  long served;

  private final ArrayDeque<Candidate> jobs = new ArrayDeque<>();
  private boolean readOn;

  private Lane(String queue, String kind, String key, long served, boolean readOn) {
    this.queue = queue;
    this.name = kind + ' ' + key;
    this.kind = kind;
    this.key = key;
    this.served = served;
    this.readOn = readOn;
  }

  /** A lane as a row of {@code claim_lanes} gives it, with its first due job. */
  static Lane firstOf(ResultSet row) throws SQLException {
    Lane lane =
        new Lane(
            row.getString("queue"),
            row.getString("kind"),
            row.getString("rate_key"),
            row.getLong("served"),
            false);
    lane.jobs.add(candidate(row));
    return lane;
  }

  /** A due job with its lane, as a row of {@code claim_window} gives it. */
  record Row(String kind, String key, Candidate job) {
    static Row of(ResultSet row) throws SQLException {
      return new Row(row.getString("kind"), row.getString("rate_key"), candidate(row));
    }
  }

  /**
   * The lanes of a claim window's jobs, each with its jobs in claim order and nothing to read on,
   * leaving out those in {@code chosen}.
   */
  static List<Lane> ofWindow(String queue, List<Row> rows, Set<String> chosen) {
    // The query promises no order.
    rows.sort(Comparator.comparing(Row::job, CLAIM_ORDER));
    Map<String, Lane> lanes = new LinkedHashMap<>();
    for (Row row : rows) {
      if (!chosen.contains(row.job.id())) {
        lanes
            .computeIfAbsent(
                row.kind + ' ' + row.key, name -> new Lane(queue, row.kind, row.key, 0, true))
            .jobs
            .add(row.job);
      }
    }
    return new ArrayList<>(lanes.values());
  }

  Candidate head() {
    return jobs.getFirst();
  }

  /**
   * Drops the first job, just taken, reading the lane's next jobs on the first call.
   *
   * @param max the most jobs the claim takes in all, so the most this lane can give it
   * @return false when the lane has no job left for this claim
   */
  boolean advance(StatementCache statements, long now, int max) throws SQLException {
    Candidate taken = jobs.removeFirst();
    if (!readOn) {
      readOn = true;
      BoundStatement next =
          statements
              .get("lane_jobs")
              .set("queue", queue)
              .set("lane", name)
              .set("now", now)
              .set("limit", max);
      try (ResultSet rows = next.executeQuery()) {
        while (rows.next()) {
          Candidate job = candidate(rows);
          if (!job.id().equals(taken.id())) {
            jobs.add(job);
          }
        }
      }
    }
    return !jobs.isEmpty();
  }

  static Candidate candidate(ResultSet row) throws SQLException {
    return new Candidate(row.getString("id"), row.getInt("priority"), row.getLong("run_at"));
  }
}
