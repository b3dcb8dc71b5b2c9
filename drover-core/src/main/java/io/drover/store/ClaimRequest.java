package io.drover.store;

import io.drover.Bounds;
import java.time.Duration;
import java.util.List;

/**
 * Asks for up to {@code max} claimable jobs.
 *
 * @param workerId who takes the lease
 * @param queues queue names or glob patterns ({@link QueuePattern}); a job matches if any matches
 * @param max at most this many jobs; at least 1
 * @param lease how long each lease lasts without a heartbeat, 1 s to 1 h ({@link Bounds})
 */
public record ClaimRequest(String workerId, List<QueuePattern> queues, int max, Duration lease) {
  public ClaimRequest {
    queues = List.copyOf(queues);
    if (max < 1) {
      throw new IllegalArgumentException("claim max must be at least 1 (was " + max + ")");
    }
    if (queues.isEmpty()) {
      throw new IllegalArgumentException("claim needs at least one queue pattern");
    }
    Bounds.check("lease", lease, Bounds.MIN_LEASE, Bounds.MAX_LEASE);
  }
}
