package io.drover.tck.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.Outcome;
import io.drover.maintenance.Reaper;
import io.drover.runtime.HandlerRegistry;
import io.drover.runtime.WorkerConfig;
import io.drover.runtime.WorkerPool;
import io.drover.store.JobStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Drains jobs through a real worker pool and reaper while a test breaks the store underneath, and
 * checks what the fault suite promises: every job completed, and every run the handler saw is an
 * attempt the store recorded — a job run twice shows {@code attempt} 2 and an error for the first
 * run, never a silent duplicate. An attempt may have no run: a claim the store committed whose
 * answer the crash kept from the worker runs nowhere until its lease expires.
 */
public final class FaultDrain implements AutoCloseable {
  private static final String QUEUE = "faults";
  private static final String KIND = "faults.work";
  private static final int JOBS = 3_000;
  private static final int CONCURRENCY = 10;
  private static final Duration WORK = Duration.ofMillis(2);
  private static final Duration BOUND = Duration.ofMinutes(2);

  /** Breaks the store and returns once it is back (or running again after a crash). */
  @FunctionalInterface
  public interface Fault {
    void apply() throws Exception;
  }

  private final JobStore store;
  private final Map<UUID, AtomicInteger> runs = new ConcurrentHashMap<>();
  private final WorkerPool pool;
  private final Reaper reaper;
  private final List<UUID> ids = new ArrayList<>();

  /**
   * Drains 3,000 jobs (2 ms each, 10 at a time) from {@code store}, applies {@code fault} once a
   * third have run, waits (bounded) until all are completed, prints the figures docs/reliability.md
   * quotes, and checks that every run is an attempt the store recorded.
   *
   * @param store what the workers, the reaper and the checks use (one process's store)
   * @param lease the workers' lease: how long a run whose claim answer was lost waits
   * @param name the fault, for the printed figures
   * @return how many jobs ran more than once (each visible in attempt and errors)
   */
  public static int drainThrough(JobStore store, Duration lease, String name, Fault fault)
      throws Exception {
    try (FaultDrain drain = new FaultDrain(store, CONCURRENCY, lease, WORK)) {
      drain.enqueue(JOBS);
      drain.start();
      await().atMost(BOUND).until(() -> drain.runsSoFar() >= JOBS / 3);
      fault.apply();
      long restarted = System.nanoTime();
      drain.awaitAllCompleted(BOUND);
      drain.report(name, restarted);
      return drain.checkEveryRunVisible();
    }
  }

  private FaultDrain(JobStore store, int concurrency, Duration lease, Duration work) {
    this.store = store;
    HandlerRegistry handlers =
        new HandlerRegistry(
            Map.of(
                KIND,
                ctx -> {
                  runs.computeIfAbsent(ctx.job().id(), id -> new AtomicInteger()).incrementAndGet();
                  Thread.sleep(work);
                  return Outcome.complete();
                }));
    WorkerConfig config =
        WorkerConfig.builder()
            .workerId("faults-" + UUID.randomUUID())
            .queues(QUEUE)
            .concurrency(concurrency)
            .lease(lease)
            .pollInterval(Duration.ofMillis(100))
            .shutdownGrace(Duration.ofSeconds(5))
            .build();
    this.pool =
        new WorkerPool(
            store, config, handlers, InstantSource.system(), RandomGenerator.getDefault());
    this.reaper = new Reaper(store, Duration.ofSeconds(1));
  }

  /** Enqueues {@code count} jobs in batches, before the workers start; returns their ids. */
  private List<UUID> enqueue(int count) {
    List<JobSpec> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(JobSpec.builder(QUEUE, KIND).payload("{\"n\":" + i + "}").build());
      if (batch.size() == 500 || i == count - 1) {
        store.enqueue(batch).forEach(answer -> ids.add(answer.id()));
        batch.clear();
      }
    }
    return List.copyOf(ids);
  }

  private void start() {
    pool.start();
    reaper.start();
  }

  /** Jobs the handler has run so far (counting re-runs). */
  private int runsSoFar() {
    return runs.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Waits (bounded) until every enqueued job is completed. */
  private void awaitAllCompleted(Duration atMost) {
    try {
      await()
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .until(() -> completed() >= ids.size());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "not all "
              + ids.size()
              + " jobs completed within "
              + atMost
              + ": stats "
              + store.stats()
              + ", handler runs "
              + runsSoFar()
              + ", running in the pool "
              + pool.running()
              + "; drover threads:\n"
              + droverThreads(),
          e);
    }
  }

  /**
   * Prints the figures docs/reliability.md quotes: re-runs so far and the seconds from the store's
   * return to the last job completed. Call after {@link #awaitAllCompleted}.
   */
  private void report(String fault, long restartedNanos) {
    long reran = runs.values().stream().filter(count -> count.get() > 1).count();
    System.out.printf(
        "FAULT %s: %d jobs, %d ran twice, all completed %.1f s after the store returned%n",
        fault, ids.size(), reran, (System.nanoTime() - restartedNanos) / 1e9);
  }

  /** Where each of Drover's threads is, to tell a stalled loop from a slow one. */
  private static String droverThreads() {
    StringBuilder dump = new StringBuilder();
    Thread.getAllStackTraces()
        .forEach(
            (thread, frames) -> {
              if (thread.getName().startsWith("drover-") && !thread.isVirtual()) {
                dump.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                for (int i = 0; i < Math.min(frames.length, 12); i++) {
                  dump.append("    at ").append(frames[i]).append('\n');
                }
              }
            });
    return dump.toString();
  }

  private long completed() {
    return store.stats().stream().mapToLong(stats -> stats.count(JobState.COMPLETED)).sum();
  }

  /**
   * Checks every job: completed, run at most as many times as its {@code attempt} says, with an
   * error recorded for each attempt before the last.
   *
   * @return how many jobs ran more than once (each visible in attempt and errors)
   */
  private int checkEveryRunVisible() {
    int reran = 0;
    for (UUID id : ids) {
      Job job = store.get(id).orElseThrow(() -> new AssertionError("job " + id + " is gone"));
      int ran = runs.getOrDefault(id, new AtomicInteger()).get();
      assertThat(job.state()).as("state of %s", id).isEqualTo(JobState.COMPLETED);
      assertThat(ran)
          .as("runs of %s (attempt %d, errors %s)", id, job.attempt(), job.errors())
          .isBetween(1, job.attempt());
      assertThat(job.errors()).as("errors of %s", id).hasSize(job.attempt() - 1);
      if (ran > 1) {
        reran++;
      }
    }
    return reran;
  }

  @Override
  public void close() {
    reaper.stop();
    pool.stop();
  }
}
