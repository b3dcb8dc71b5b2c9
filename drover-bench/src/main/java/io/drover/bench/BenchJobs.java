package io.drover.bench;

import io.drover.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the jobs of one scenario: kind {@code bench.noop} in its own queue, numbered from 0. Safe
 * for concurrent producers.
 */
final class BenchJobs {
  private final String queue;
  private final int payloadBytes;
  private final AtomicInteger nextSeq = new AtomicInteger();

  BenchJobs(String queue, int payloadBytes) {
    this.queue = queue;
    this.payloadBytes = payloadBytes;
  }

  String queue() {
    return queue;
  }

  /** The next job, stamped with the time now: call it just before enqueueing. */
  JobSpec next() {
    return next(null);
  }

  /** The next job, counted under {@code rateKey} by limits. */
  JobSpec next(String rateKey) {
    return JobSpec.builder(queue, BenchHandler.KIND)
        .payload(Payload.of(nextSeq.getAndIncrement(), WallClock.nanos(), payloadBytes))
        .rateKey(rateKey)
        .build();
  }

  List<JobSpec> next(int count) {
    List<JobSpec> specs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      specs.add(next());
    }
    return specs;
  }
}
