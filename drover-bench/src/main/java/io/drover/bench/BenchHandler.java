package io.drover.bench;

import io.drover.Handler;
import io.drover.JobContext;
import io.drover.Outcome;

/** Kind {@code bench.noop}: notes that it ran and how long after enqueue, then completes. */
final class BenchHandler implements Handler {
  /**
   * Not the server's {@code noop}: a server's pool that wanders onto a bench queue then fails the
   * jobs instead of quietly completing them, and the exactly-once check says so.
   */
  static final String KIND = "bench.noop";

  private final RunLog log;

  BenchHandler(RunLog log) {
    this.log = log;
  }

  @Override
  public Outcome handle(JobContext context) {
    long startedAt = WallClock.nanos();
    String payload = context.payload();
    log.record(Payload.seq(payload), startedAt - Payload.enqueuedAtNanos(payload));
    return Outcome.complete();
  }
}
