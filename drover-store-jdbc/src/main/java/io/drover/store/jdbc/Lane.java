package io.drover.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Comparator;

/**
 * One lane of a claim under limits: the due jobs of one kind and key in one queue, in claim order.
 * A claim knows a lane's first job from {@code claim_lanes} and reads the rest only if it takes
 * that one and comes back for more; then it reads as many as the whole claim could take.
 */
final class Lane {
  /** Plain order: the lane whose first job comes first in claim order. */
  static final Comparator<Lane> BY_HEAD =
      Comparator.<Lane>comparingInt(lane -> -lane.head().priority())
          .thenComparingLong(lane -> lane.head().runAt())
          .thenComparing(lane -> lane.head().id());

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

  /** A lane as a row of {@code claim_lanes} gives it, with its first due job. */
  Lane(ResultSet row) throws SQLException {
    this.queue = row.getString("queue");
    this.name = row.getString("lane");
    this.kind = row.getString("kind");
    this.key = row.getString("rate_key");
    this.served = row.getLong("served");
    jobs.add(candidate(row));
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

  private static Candidate candidate(ResultSet row) throws SQLException {
    return new Candidate(row.getString("id"), row.getInt("priority"), row.getLong("run_at"));
  }
}
