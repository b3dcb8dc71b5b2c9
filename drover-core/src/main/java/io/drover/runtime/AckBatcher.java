package io.drover.runtime;

import io.drover.store.Acknowledgement;
import io.drover.store.Completion;
import io.drover.store.Failure;
import io.drover.store.JobChange;
import io.drover.store.JobStore;
import io.drover.store.Release;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends acknowledgements to the store in batches. Handlers hand their outcome over and move on; one
 * thread drains whatever piled up while the previous batch was in flight, so batches grow with load
 * and cost nothing in latency when idle.
 *
 * <p>Outcomes outlast outages: a batch the store cannot take is tried again, with a delay growing
 * to {@link #MAX_RETRY_DELAY}, until the store answers, and later outcomes wait behind it so they
 * land in order. The store's fencing then decides: an outcome whose lease is still held lands, so a
 * job that finished during an outage is not run again; one whose lease was reaped meanwhile is
 * refused, and said so in a WARN naming the job. Nothing is dropped but at {@link #stop}, past its
 * timeout.
 */
final class AckBatcher {
  private static final Logger log = LoggerFactory.getLogger(AckBatcher.class);
  private static final int MAX_BATCH = 1000;
  private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(200);
  private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);
  private static final Object STOP = new Object();

  private final JobStore store;
  private final LinkedBlockingQueue<Object> pending = new LinkedBlockingQueue<>();
  // Handed over and not yet answered by the store: what a crash now would make run again.
  private final AtomicInteger unsettled = new AtomicInteger();
  private final Runnable onSettled;
  private final Thread thread;
  private final OutageLog outage;

  /**
   * @param onSettled told each time the store has answered a batch, so a pool waiting for the
   *     unsettled outcomes to drop may claim again
   */
  AckBatcher(JobStore store, String workerId, Runnable onSettled) {
    this.store = store;
    this.onSettled = onSettled;
    this.outage =
        new OutageLog(
            "worker " + workerId + ": acknowledgements",
            InstantSource.system(),
            FIRST_RETRY_DELAY,
            MAX_RETRY_DELAY);
    this.thread = Thread.ofPlatform().daemon().name("drover-ack-" + workerId).unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  void send(Acknowledgement ack) {
    unsettled.incrementAndGet();
    pending.add(ack);
  }

  /** Outcomes handed over that the store has not answered yet. */
  int unsettled() {
    return unsettled.get();
  }

  /**
   * Flushes everything handed over so far, then stops; waits at most {@code timeout}. Outcomes the
   * store could not take by then are lost to this process: their leases run out and the jobs run
   * again (logged as an ERROR with the count).
   */
  void stop(Duration timeout) throws InterruptedException {
    if (!thread.isAlive()) {
      return;
    }
    pending.add(STOP);
    thread.join(timeout);
    if (thread.isAlive()) {
      thread.interrupt();
      thread.join(timeout);
    }
  }

  private void run() {
    List<Acknowledgement> batch = new ArrayList<>();
    List<Object> taken = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      try {
        taken.add(pending.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pending.drainTo(taken, MAX_BATCH - 1);
      stopping = taken.remove(STOP);
      if (stopping) {
        pending.drainTo(taken);
      }
      taken.forEach(ack -> batch.add((Acknowledgement) ack));
      taken.clear();
      if (!flushUntilAnswered(batch)) {
        log.error(
            "ack: stopped before the store answered; {} outcomes not stored, their jobs will run"
                + " again",
            batch.size() + pending.size());
        return;
      }
      unsettled.addAndGet(-batch.size());
      batch.clear();
      onSettled.run();
    }
  }

  /** Sends the batch until the store answers; false if interrupted (stopping) before then. */
  private boolean flushUntilAnswered(List<Acknowledgement> batch) {
    Unsent unsent = new Unsent(batch);
    while (true) {
      try {
        unsent.send(store);
        outage.succeeded();
        return true;
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (Throwable e) {
        // Not only an unreachable store: a driver that throws an Error on a dying connection must
        // not end this thread, or every later outcome would be lost.
        Duration wait = outage.failed(e);
        try {
          Thread.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
  }

  /**
   * A batch split by kind, one store call each; a kind the store took is not sent again when a
   * later kind's call fails and the rest is retried.
   */
  private static final class Unsent {
    private final List<Acknowledgement> batch;
    private final List<Completion> completions = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<Release> releases = new ArrayList<>();
    private final Set<UUID> landed = new HashSet<>();

    Unsent(List<Acknowledgement> batch) {
      this.batch = batch;
      for (Acknowledgement ack : batch) {
        switch (ack) {
          case Completion c -> completions.add(c);
          case Failure f -> failures.add(f);
          case Release r -> releases.add(r);
        }
      }
    }

    void send(JobStore store) {
      if (!completions.isEmpty()) {
        land(store.complete(completions));
        completions.clear();
      }
      if (!failures.isEmpty()) {
        land(store.fail(failures));
        failures.clear();
      }
      if (!releases.isEmpty()) {
        land(store.release(releases));
        releases.clear();
      }
      if (landed.size() < batch.size()) {
        logRefused(batch, landed);
      }
    }

    private void land(List<JobChange> changes) {
      changes.forEach(change -> landed.add(change.id()));
    }
  }

  private static void logRefused(List<Acknowledgement> batch, Set<UUID> landed) {
    for (Acknowledgement ack : batch) {
      if (!landed.contains(ack.lease().jobId())) {
        log.atWarn()
            .setMessage(
                "ack: outcome refused, the lease is no longer held (reaped after it expired,"
                    + " cancelled, or its claim lost in a store crash)")
            .addKeyValue("job_id", ack.lease().jobId())
            .addKeyValue("lease_token", ack.lease().token())
            .addKeyValue("outcome", ack.getClass().getSimpleName().toLowerCase())
            .log();
      }
    }
  }
}
