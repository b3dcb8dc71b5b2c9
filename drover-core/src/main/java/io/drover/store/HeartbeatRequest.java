package io.drover.store;

import io.drover.Bounds;
import java.time.Duration;
import java.util.List;

/**
 * Extends the leases a worker holds to now + {@code lease} (1 s to 1 h, {@link Bounds}).
 *
 * @param leases the leases to extend; ones no longer held are left alone and not returned
 */
public record HeartbeatRequest(String workerId, List<LeaseRef> leases, Duration lease) {
  public HeartbeatRequest {
    leases = List.copyOf(leases);
    Bounds.check("lease", lease, Bounds.MIN_LEASE, Bounds.MAX_LEASE);
  }
}
