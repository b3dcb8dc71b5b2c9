package io.drover.store;

import java.time.Duration;
import java.util.List;

/**
 * Extends the leases a worker holds to now + {@code lease}.
 *
 * @param leases the leases to extend; ones no longer held are left alone and not returned
 */
public record HeartbeatRequest(String workerId, List<LeaseRef> leases, Duration lease) {
  public HeartbeatRequest {
    leases = List.copyOf(leases);
  }
}
