package io.drover.store.jdbc;

import io.drover.Backoff;
import io.drover.JobError;
import io.drover.retry.RetryPolicy;
import io.drover.store.Failure;
import io.drover.store.LeaseRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Recovers jobs whose worker stopped heartbeating: each counts as a failed attempt, recorded as an
 * error, and goes through the same fenced {@code fail} update a worker's failure would, so a lease
 * extended or reaped meanwhile by someone else is left alone.
 */
final class LeaseReaper {
  private LeaseReaper() {}

  /** Reaps up to {@code max} leases that expired before {@code now}; returns the ids reaped. */
  static List<UUID> reap(StatementCache statements, long now, int max) throws SQLException {
    Instant at = Instant.ofEpochMilli(now);
    List<Failure> failures = new ArrayList<>();
    BoundStatement select = statements.get("expired_leases").set("now", now).set("limit", max);
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        failures.add(failure(rows, at));
      }
    }
    if (failures.isEmpty()) {
      return List.of();
    }
    return FencedBatch.run(
        statements.get("fail"), failures, Failure::lease, FencedBatch.FAILURE, now);
  }

  private static Failure failure(ResultSet row, Instant now) throws SQLException {
    int attempt = row.getInt("attempt");
    Backoff backoff =
        new Backoff(
            Duration.ofMillis(row.getLong("backoff_base_ms")),
            Duration.ofMillis(row.getLong("backoff_max_ms")));
    Instant retryAt =
        RetryPolicy.nextRunAt(
            backoff, attempt, row.getInt("max_attempts"), now, ThreadLocalRandom.current());
    String message =
        "lease expired (worker " + row.getString("worker_id") + " stopped heartbeating)";
    return new Failure(
        new LeaseRef(Columns.uuid(row, "id"), row.getLong("lease_token")),
        new JobError(attempt, message, null, now),
        retryAt);
  }
}
