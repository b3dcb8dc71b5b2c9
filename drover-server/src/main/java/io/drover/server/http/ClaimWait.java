package io.drover.server.http;

import io.drover.store.JobStore;
import io.drover.store.QueuePattern;
import io.drover.store.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One long-polling claim's wait for jobs in its queues: a store wake-up ends it early. Subscribed
 * before the first claim attempt, so a job that arrives between that attempt and the wait is not
 * missed.
 */
final class ClaimWait implements AutoCloseable {
  private final Semaphore woken = new Semaphore(0);
  private final Subscription subscription;

  private ClaimWait(JobStore store, List<QueuePattern> queues) {
    // A permit, not a blocking hand-off: store listeners must return at once.
    this.subscription =
        store.subscribe(
            queue -> {
              if (QueuePattern.anyMatches(queues, queue)) {
                woken.release();
              }
            });
  }

  static ClaimWait on(JobStore store, List<QueuePattern> queues) {
    return new ClaimWait(store, queues);
  }

  /** Waits until a job may have arrived in one of the queues, or {@code timeout} passes. */
  void await(Duration timeout) throws InterruptedException {
    if (woken.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      woken.drainPermits();
    }
  }

  @Override
  public void close() {
    subscription.close();
  }
}
