package io.drover.store.jdbc;

import io.drover.Backoff;
import io.drover.store.ExpiredLease;
import io.drover.store.Failure;
import io.drover.store.JobChange;
import io.drover.store.LeaseRef;
import io.drover.store.ReapRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Recovers jobs whose lease expired: core's {@link io.drover.store.LeaseExpiry} decides each one's
 * failed attempt, which goes through the same fenced {@code fail} update a worker's failure would,
 * so a lease extended or reaped meanwhile by someone else is left alone. A row that cannot be read
 * is failed for good with the reason rather than stopping the batch.
 */
final class LeaseReaper {
  private LeaseReaper() {}

  /**
   * Reaps up to the request's max leases that expired before {@code now}; returns what changed,
   * earliest expired first.
   */
  static List<JobChange> reap(
      Dialect dialect,
      StatementCache statements,
      long now,
      ReapRequest request,
      Collection<String> wakeups)
      throws SQLException {
    Instant at = Instant.ofEpochMilli(now);
    List<Failure> failures = new ArrayList<>();
    BoundStatement select =
        statements.get("expired_leases").set("now", now).set("limit", request.max());
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        LeaseRef lease = new LeaseRef(Columns.uuid(rows, "id"), rows.getLong("lease_token"));
        String workerId = rows.getString("worker_id");
        try {
          failures.add(request.expiry().failureOf(expiredLease(rows, lease, workerId), at));
        } catch (RuntimeException unreadable) {
          failures.add(request.expiry().unreadable(lease, workerId, unreadable, at));
        }
      }
    }
    if (failures.isEmpty()) {
      return List.of();
    }
    return FencedBatch.fail(dialect, statements, failures, now, wakeups);
  }

  private static ExpiredLease expiredLease(ResultSet row, LeaseRef lease, String workerId)
      throws SQLException {
    Backoff backoff =
        new Backoff(
            Duration.ofMillis(row.getLong("backoff_base_ms")),
            Duration.ofMillis(row.getLong("backoff_max_ms")));
    return new ExpiredLease(
        lease,
        row.getInt("attempt"),
        row.getInt("max_attempts"),
        backoff,
        workerId,
        Instant.ofEpochMilli(row.getLong("lease_expires_at")));
  }
}
