package io.drover.store;

import java.time.Duration;

/**
 * Deletes terminal jobs whose {@code finished_at} is older than their state's retention, and
 * expired de-duplication keys.
 *
 * @param batchSize at most this many jobs are deleted per call, so one call never holds long locks
 */
public record CleanupRequest(
    Duration completed, Duration failed, Duration cancelled, int batchSize) {
  public static final CleanupRequest DEFAULT =
      new CleanupRequest(Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(7), 10_000);
}
