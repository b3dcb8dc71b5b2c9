package io.drover.spool;

import io.drover.StoreUnavailableException;
import io.drover.store.JobStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves spooled jobs to the store, oldest record first, each record in one enqueue call. The store
 * makes a job once per id, so a record forwarded twice (a crash after the store took it) is still
 * one job per id. While the store does not answer it retries with capped backoff, saying so once
 * (WARN) when the outage starts and once (INFO) when the store answers again; a record the store
 * refuses for another reason is tried {@link #MAX_REFUSALS} times, then set aside in {@code
 * rejected.log} so it cannot block the rest. It also probes the store while the breaker is open and
 * the spool empty, so producers find the store again without waiting for a failed call.
 */
final class Forwarder {
  private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

  static final Duration MIN_BACKOFF = Duration.ofMillis(200);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  /** How often an idle forwarder looks for journals that ended processes left. */
  static final Duration ADOPT_EVERY = Duration.ofSeconds(30);

  static final int MAX_REFUSALS = 5;

  /** Jobs per forwarding call: the API's batch limit, so no call holds the store for long. */
  static final int MAX_BATCH = 1_000;

  /** A job id no store holds: reading it is the cheapest call that proves the store answers. */
  private static final UUID PROBE = new UUID(0, 0);

  private final Spool spool;
  private final JobStore store;
  private final StoreBreaker breaker;
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean running;
  private Thread thread;
  private Duration backoff = MIN_BACKOFF;
  private long outageStarted; // System.nanoTime() of the first failure, 0 when none
  private int refusals;
  private long lastAdoption = System.nanoTime();

  Forwarder(Spool spool, JobStore store, StoreBreaker breaker) {
    this.spool = spool;
    this.store = store;
    this.breaker = breaker;
  }

  /** Idempotent. */
  synchronized void start() {
    if (thread != null) {
      return;
    }
    running = true;
    thread = Thread.ofVirtual().name("drover-spool-forwarder").start(this::loop);
  }

  /** Tells the forwarder there is work, so it does not wait for its next poll. */
  void wakeUp() {
    if (wake.availablePermits() == 0) {
      wake.release();
    }
  }

  /** Stops after the call in flight, if any. Idempotent, and harmless before start. */
  void stop() {
    Thread running;
    synchronized (this) {
      this.running = false;
      running = thread;
      thread = null;
    }
    if (running != null) {
      running.interrupt();
      try {
        running.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    while (running) {
      try {
        Duration pause = step();
        if (pause.isPositive() && wake.tryAcquire(pause.toNanos(), TimeUnit.NANOSECONDS)) {
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        log.error("spool: forwarder failed; carrying on", e);
        sleepQuietly(MAX_BACKOFF);
      }
    }
  }

  /** One unit of work; answers how long to wait before the next (zero: go on at once). */
  Duration step() throws Exception {
    // Whole records, several per store call; after a refusal one at a time, to find the culprit.
    Optional<Spool.Batch> head = spool.head(refusals == 0 ? MAX_BATCH : 1);
    if (head.isEmpty()) {
      adoptIfDue();
      if (breaker.isOpen()) {
        return attempt(() -> store.get(PROBE), List.of());
      }
      return Duration.ofSeconds(1);
    }
    Spool.Batch batch = head.get();
    return attempt(() -> store.enqueue(batch.jobs()), List.of(batch));
  }

  private Duration attempt(Runnable call, List<Spool.Batch> batch) {
    try {
      call.run();
    } catch (StoreUnavailableException e) {
      if (outageStarted == 0) {
        outageStarted = System.nanoTime();
        log.atWarn()
            .setMessage("spool: store unreachable, forwarding paused: {}")
            .addArgument(e.getMessage())
            .addKeyValue("spooled_jobs", spool.stats(false).depth())
            .log();
      }
      Duration wait = backoff;
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
      return wait;
    } catch (RuntimeException e) {
      return refused(batch, e);
    }
    if (outageStarted != 0) {
      log.atInfo()
          .setMessage("spool: store answers again after {} s; forwarding")
          .addArgument(Duration.ofNanos(System.nanoTime() - outageStarted).toSeconds())
          .addKeyValue("spooled_jobs", spool.stats(true).depth())
          .log();
      outageStarted = 0;
    }
    backoff = MIN_BACKOFF;
    refusals = 0;
    breaker.storeAnswered();
    batch.forEach(spool::forwarded);
    return Duration.ZERO;
  }

  private Duration refused(List<Spool.Batch> batch, RuntimeException e) {
    if (batch.isEmpty()) {
      // The probe got an answer, if an odd one: the store is there.
      breaker.storeAnswered();
      return Duration.ofSeconds(1);
    }
    Spool.Batch head = batch.get(0);
    if (++refusals < MAX_REFUSALS) {
      log.warn("spool: the store refused a spooled batch (try {}): {}", refusals, e.toString());
      return MIN_BACKOFF.multipliedBy(refusals);
    }
    refusals = 0;
    log.atError()
        .setMessage("spool: the store refused a spooled batch {} times; set aside in {}")
        .addArgument(MAX_REFUSALS)
        .addArgument(Spool.REJECTED_FILE)
        .addKeyValue("job_ids", head.jobs().stream().map(spec -> spec.id().toString()).toList())
        .setCause(e)
        .log();
    spool.reject(head);
    return Duration.ZERO;
  }

  private void adoptIfDue() throws Exception {
    if (System.nanoTime() - lastAdoption < ADOPT_EVERY.toNanos()) {
      return;
    }
    lastAdoption = System.nanoTime();
    spool.adoptOrphans();
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
