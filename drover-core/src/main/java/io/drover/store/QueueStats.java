package io.drover.store;

import io.drover.JobState;
import java.time.Instant;
import java.util.Map;

/**
 * Counts for one queue.
 *
 * @param counts jobs per state; states with none may be absent
 * @param oldestWaitingSince the {@code run_at} of the oldest claimable job that is due (waiting, or
 *     scheduled/retrying with run_at passed), or null when none waits
 * @param paused whether claims skip this queue
 */
public record QueueStats(
    String queue, Map<JobState, Long> counts, Instant oldestWaitingSince, boolean paused) {
  public QueueStats {
    counts = Map.copyOf(counts);
  }

  public long count(JobState state) {
    return counts.getOrDefault(state, 0L);
  }

  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
