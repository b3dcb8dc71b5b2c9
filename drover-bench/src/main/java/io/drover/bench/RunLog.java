package io.drover.bench;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the handlers of one process ran: how often each job (by sequence number) and how long after
 * its enqueue its first run started. Arrays, not maps, so recording stays off the measured path.
 */
final class RunLog {
  /** The wait of a job that did not run here. */
  static final long NOT_RUN = Long.MIN_VALUE;

  private final AtomicIntegerArray runs;
  private final AtomicLongArray waits;

  RunLog(int capacity) {
    this.runs = new AtomicIntegerArray(capacity);
    this.waits = new AtomicLongArray(capacity);
  }

  void record(int seq, long waitNanos) {
    if (runs.incrementAndGet(seq) == 1) {
      waits.set(seq, waitNanos);
    }
  }

  long totalRuns() {
    long total = 0;
    for (int i = 0; i < runs.length(); i++) {
      total += runs.get(i);
    }
    return total;
  }

  /** Runs beyond the first, summed over jobs: zero when nothing ran twice here. */
  long duplicated() {
    long extra = 0;
    for (int i = 0; i < runs.length(); i++) {
      extra += Math.max(0, runs.get(i) - 1);
    }
    return extra;
  }

  /** By sequence number, the enqueue-to-start wait of each job's first run, or {@link #NOT_RUN}. */
  long[] waits() {
    long[] bySeq = new long[runs.length()];
    for (int i = 0; i < bySeq.length; i++) {
      bySeq[i] = runs.get(i) > 0 ? waits.get(i) : NOT_RUN;
    }
    return bySeq;
  }
}
