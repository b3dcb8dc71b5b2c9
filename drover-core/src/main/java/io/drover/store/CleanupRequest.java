package io.drover.store;

import io.drover.Bounds;
import java.time.Duration;

/**
 * Deletes terminal jobs whose {@code finished_at} is older than their state's retention, and
 * expired de-duplication keys.
 *
 * @param completed how long completed jobs are kept: 0 to 10 years ({@link Bounds}), as are the
 *     others
 * @param batchSize at most this many jobs are deleted per call, so one call never holds long locks
 */
public record CleanupRequest(
    Duration completed, Duration failed, Duration cancelled, int batchSize) {
  public static final CleanupRequest DEFAULT =
      new CleanupRequest(Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(7), 10_000);

  public CleanupRequest {
    Bounds.check("retention.completed", completed, Duration.ZERO, Bounds.MAX_RETENTION);
    Bounds.check("retention.failed", failed, Duration.ZERO, Bounds.MAX_RETENTION);
    Bounds.check("retention.cancelled", cancelled, Duration.ZERO, Bounds.MAX_RETENTION);
    Bounds.check("batch_size", batchSize, 1, Integer.MAX_VALUE);
  }
}
