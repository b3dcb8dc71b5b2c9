package io.drover.bench;

import io.drover.store.JobStore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** One scenario in progress: its store, queue and options, and the steps scenarios share. */
final class BenchRun {
  /** A drain that completes nothing for this long is stuck, and the verdict will say so. */
  private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

  /** How often to look whether a fleet is done; the figures come from timestamps, not from this. */
  private static final long POLL_MILLIS = 5;

  private final JobStore store;
  private final BenchOptions options;
  private final String queue;
  private final WorkerLauncher launcher;
  private final Progress progress;
  private final PrintStream diagnostics;
  private final List<WorkerReport> workerReports = new ArrayList<>();

  BenchRun(
      JobStore store,
      BenchOptions options,
      String queue,
      WorkerLauncher launcher,
      Progress progress,
      PrintStream diagnostics) {
    this.store = store;
    this.options = options;
    this.queue = queue;
    this.launcher = launcher;
    this.progress = progress;
    this.diagnostics = diagnostics;
  }

  JobStore store() {
    return store;
  }

  BenchOptions options() {
    return options;
  }

  String queue() {
    return queue;
  }

  Progress progress() {
    return progress;
  }

  /** Fresh jobs for the queue, numbered from 0. */
  BenchJobs jobs() {
    return new BenchJobs(queue, options.payloadBytes());
  }

  /** The workers the options ask for, for a queue that will hold {@code capacity} jobs. */
  Fleet fleet(int capacity) {
    return options.workers() == 1
        ? new InProcessFleet(store, queue, options.concurrency(), capacity)
        : new ChildFleet(
            launcher, options.workers(), queue, options.concurrency(), capacity, diagnostics);
  }

  /** How the work was spread, for a report's setup line. */
  String workersSetup() {
    return String.format(
        Locale.ROOT,
        "concurrency %d, %s, payload %d B",
        options.concurrency(),
        options.workers() == 1
            ? "1 worker pool in the bench process"
            : options.workers() + " worker processes",
        options.payloadBytes());
  }

  /**
   * Enqueues {@code count} jobs in calls of {@code batch-size}.
   *
   * @return the nanoseconds it took
   */
  long enqueueInBatches(BenchJobs jobs, int count, String phase) {
    AtomicLong done = new AtomicLong();
    progress.begin(phase, count, done::get);
    try {
      long startedAt = System.nanoTime();
      while (done.get() < count) {
        int batch = (int) Math.min(options.batchSize(), count - done.get());
        store.enqueue(jobs.next(batch));
        done.addAndGet(batch);
      }
      return System.nanoTime() - startedAt;
    } finally {
      progress.end();
    }
  }

  /**
   * Waits until the fleet has completed {@code expected} jobs, or has completed none for a minute,
   * then stops it.
   */
  FleetResult awaitAndStop(Fleet fleet, long expected, String phase) {
    await(fleet, expected, phase);
    FleetResult ran = fleet.stop();
    workerReports.addAll(ran.workers());
    return ran;
  }

  /**
   * Waits until the fleet has completed {@code expected} jobs, or has completed none for a minute;
   * the fleet goes on claiming.
   */
  void await(Fleet fleet, long expected, String phase) {
    progress.begin(phase, expected, fleet::completed);
    try {
      long seen = -1;
      long lastChange = System.nanoTime();
      for (long done; (done = fleet.completed()) < expected; ) {
        if (done != seen) {
          seen = done;
          lastChange = System.nanoTime();
        } else if (System.nanoTime() - lastChange > STALL_TIMEOUT.toNanos()) {
          diagnostics.printf(
              Locale.ROOT,
              "bench: %s stalled at %,d of %,d jobs completed; stopping%n",
              phase,
              done,
              expected);
          break;
        }
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      progress.end();
    }
  }

  /**
   * Judges the jobs run so far.
   *
   * @param completedBefore jobs of the queue completed before the fleet started
   */
  Verdict judge(long expected, long completedBefore, FleetResult ran) {
    return Verdict.judge(store, queue, expected, completedBefore, ran);
  }

  /** What each worker process of this run reported; empty when the pool ran in this process. */
  List<WorkerReport> workerReports() {
    return List.copyOf(workerReports);
  }
}
