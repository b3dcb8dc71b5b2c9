package io.drover.runtime;

import io.drover.store.Completion;
import io.drover.store.Failure;
import io.drover.store.JobStore;
import io.drover.store.Release;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends acknowledgements to the store in batches. Handlers hand their outcome over and move on; one
 * thread drains whatever piled up while the previous batch was in flight, so batches grow with load
 * and cost nothing in latency when idle.
 */
final class AckBatcher {
  private static final Logger log = LoggerFactory.getLogger(AckBatcher.class);
  private static final int MAX_BATCH = 1000;
  private static final Duration RETRY_PAUSE = Duration.ofMillis(200);
  private static final Object STOP = new Object();

  private final JobStore store;
  private final LinkedBlockingQueue<Object> pending = new LinkedBlockingQueue<>();
  private final Thread thread;

  AckBatcher(JobStore store, String workerId) {
    this.store = store;
    this.thread = Thread.ofPlatform().daemon().name("drover-ack-" + workerId).unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  void complete(Completion completion) {
    pending.add(completion);
  }

  void fail(Failure failure) {
    pending.add(failure);
  }

  void release(Release release) {
    pending.add(release);
  }

  /** Flushes everything handed over so far, then stops; waits at most {@code timeout}. */
  void stop(Duration timeout) throws InterruptedException {
    if (!thread.isAlive()) {
      return;
    }
    pending.add(STOP);
    thread.join(timeout);
  }

  private void run() {
    List<Object> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(pending.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pending.drainTo(batch, MAX_BATCH - 1);
      boolean stopping = batch.remove(STOP);
      if (stopping) {
        pending.drainTo(batch);
      }
      flushWithRetry(batch);
      batch.clear();
      if (stopping) {
        return;
      }
    }
  }

  private void flushWithRetry(List<Object> batch) {
    // A store outage must not drop outcomes; the leases may run out meanwhile, and then the reaper
    // hands the jobs to another worker (at-least-once), which is the best that can be done.
    for (int tries = 1; ; tries++) {
      try {
        flush(batch);
        return;
      } catch (RuntimeException e) {
        if (tries >= 5) {
          log.error("ack: giving up on {} acknowledgements after {} tries", batch.size(), tries, e);
          return;
        }
        log.warn(
            "ack: store failed, retrying batch of {} (try {}): {}",
            batch.size(),
            tries,
            e.toString());
        try {
          TimeUnit.MILLISECONDS.sleep(RETRY_PAUSE.toMillis() * tries);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void flush(List<Object> batch) {
    List<Completion> completions = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    List<Release> releases = new ArrayList<>();
    for (Object ack : batch) {
      switch (ack) {
        case Completion c -> completions.add(c);
        case Failure f -> failures.add(f);
        case Release r -> releases.add(r);
        default -> throw new IllegalStateException("unknown acknowledgement " + ack);
      }
    }
    if (!completions.isEmpty()) {
      store.complete(completions);
    }
    if (!failures.isEmpty()) {
      store.fail(failures);
    }
    if (!releases.isEmpty()) {
      store.release(releases);
    }
  }
}
