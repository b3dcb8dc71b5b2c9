package io.drover.bench;

import java.util.List;

/**
 * What a fleet ran.
 *
 * @param runs handler runs, summed over processes
 * @param duplicated runs beyond a job's first within one process (across processes, runs beyond the
 *     jobs completed tell)
 * @param firstClaimAt wall-clock ns when the earliest claim that found jobs began, or {@link
 *     MeasuredStore#NEVER}
 * @param lastCompletionAt wall-clock ns when the latest completion was committed, or {@link
 *     MeasuredStore#NEVER}
 * @param claimCalls claim round trips, found jobs or not
 * @param completeCalls completion round trips
 * @param waits by sequence number, the enqueue-to-start nanoseconds of each job's first run, or
 *     {@link RunLog#NOT_RUN}
 * @param workers each child process's report; empty when the pool ran in this process
 */
record FleetResult(
    long runs,
    long duplicated,
    long firstClaimAt,
    long lastCompletionAt,
    long claimCalls,
    long completeCalls,
    long[] waits,
    List<WorkerReport> workers) {

  /** Seconds from first claim to last completion; 0 when nothing was claimed or completed. */
  double drainSeconds() {
    if (firstClaimAt == MeasuredStore.NEVER || lastCompletionAt == MeasuredStore.NEVER) {
      return 0;
    }
    return (lastCompletionAt - firstClaimAt) / 1e9;
  }
}
