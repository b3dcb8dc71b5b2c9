package io.drover.bench;

import io.drover.store.EnqueueGroupingStore;
import io.drover.store.JobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code --producers} threads enqueueing a scenario's jobs one per call, through the path producers
 * take in {@code drover server} and the Java API: concurrent calls gathered into one store call
 * ({@link EnqueueGroupingStore}).
 */
final class Producers {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final BenchRun run;
  private final JobStore store;
  private final AtomicLong sent = new AtomicLong();

  Producers(BenchRun run) {
    this.run = run;
    this.store = new EnqueueGroupingStore(run.store());
  }

  /** Jobs enqueued so far. */
  long sent() {
    return sent.get();
  }

  /**
   * Enqueues {@code total} of {@code jobs}; with a {@code rate}, job i no earlier than i/rate
   * seconds after the start (a producer that falls behind enqueues at once rather than skipping),
   * else as fast as the producers go.
   *
   * @param phase the progress bar's name for it
   * @return how long all of them took, in nanoseconds
   */
  long enqueue(BenchJobs jobs, int total, int rate, String phase) {
    run.progress().begin(phase, total, sent::get);
    try {
      return enqueue(jobs, total, rate);
    } finally {
      run.progress().end();
    }
  }

  private long enqueue(BenchJobs jobs, int total, int rate) {
    AtomicInteger taken = new AtomicInteger();
    long startedAt = System.nanoTime();
    Runnable producer =
        () -> {
          for (int i; (i = taken.getAndIncrement()) < total; ) {
            if (rate > 0) {
              long due = startedAt + i * NANOS_PER_SECOND / rate;
              for (long early; (early = due - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(early);
              }
            }
            store.enqueue(List.of(jobs.next()));
            sent.incrementAndGet();
          }
        };
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < run.options().producers(); i++) {
      threads.add(Thread.ofPlatform().name("bench-producer-" + i).start(producer));
    }
    try {
      for (Thread thread : threads) {
        thread.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while producers enqueued", e);
    }
    if (sent.get() != total) {
      throw new IllegalStateException("producers enqueued " + sent.get() + " of " + total);
    }
    return System.nanoTime() - startedAt;
  }
}
