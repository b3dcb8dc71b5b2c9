package io.drover.store;

import java.time.Instant;

/**
 * Decides what a store records for a job whose lease expired. Core's {@link
 * io.drover.lifecycle.JobFate} is the one implementation; stores call it per job and apply the
 * failure it returns under the same fencing as a worker's own.
 */
public interface LeaseExpiry {
  /** The failed attempt to record for a job whose lease expired before {@code now}. */
  Failure failureOf(ExpiredLease lease, Instant now);

  /**
   * The failure to record for an expired job the store could not read (a corrupt row): it fails for
   * good, with the reason, so the rows after it are still reaped.
   */
  Failure unreadable(LeaseRef lease, String workerId, RuntimeException problem, Instant now);
}
