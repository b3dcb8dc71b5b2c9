package io.drover.bench;

import io.drover.store.EnqueueGroupingStore;
import io.drover.store.JobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code enqueue}: the rate of enqueueing {@code --jobs} jobs one per call (a producer per request)
 * from {@code --producers} threads at once, through the producers' path of {@code drover server}
 * and the Java API ({@link EnqueueGroupingStore}), then as many again in calls of {@code
 * --batch-size}. The workers then drain all of them, unmeasured, so the exactly-once check covers
 * the enqueued jobs too and the store is left with nothing waiting.
 */
final class EnqueueScenario {
  private EnqueueScenario() {}

  static ScenarioResult run(BenchRun run) {
    int jobs = run.options().jobs();
    BenchJobs made = run.jobs();
    long oneByOneNanos = enqueueOneByOne(run, made, jobs);
    long batchedNanos = run.enqueueInBatches(made, jobs, "batched");

    List<Metric> metrics = new ArrayList<>();
    metrics.add(
        new Metric(
            "enqueue_one_per_s",
            "enqueue rate, one job per call from " + run.options().producers() + " producers",
            ScenarioResult.perSecond(jobs, oneByOneNanos / 1e9),
            "jobs/s"));
    metrics.add(
        new Metric(
            "enqueue_batch_per_s",
            "enqueue rate, batches of " + run.options().batchSize(),
            ScenarioResult.perSecond(jobs, batchedNanos / 1e9),
            "jobs/s"));
    int total = 2 * jobs;
    try (Fleet fleet = run.fleet(total)) {
      fleet.start();
      FleetResult ran = run.awaitAndStop(fleet, total, "verify");
      return new ScenarioResult(
          String.format(
              Locale.ROOT,
              "%,d jobs one by one from %d producers, then %,d in batches of %,d; payload %d B",
              jobs,
              run.options().producers(),
              jobs,
              run.options().batchSize(),
              run.options().payloadBytes()),
          metrics,
          run.judge(total, 0, ran));
    }
  }

  private static long enqueueOneByOne(BenchRun run, BenchJobs made, int jobs) {
    JobStore producers = new EnqueueGroupingStore(run.store());
    AtomicInteger taken = new AtomicInteger();
    AtomicLong done = new AtomicLong();
    Runnable producer =
        () -> {
          while (taken.getAndIncrement() < jobs) {
            producers.enqueue(List.of(made.next()));
            done.incrementAndGet();
          }
        };
    List<Thread> threads = new ArrayList<>();
    run.progress().begin("one-by-1", jobs, done::get);
    try {
      long startedAt = System.nanoTime();
      for (int i = 0; i < run.options().producers(); i++) {
        threads.add(Thread.ofPlatform().name("bench-producer-" + i).start(producer));
      }
      for (Thread thread : threads) {
        thread.join();
      }
      if (done.get() != jobs) {
        throw new IllegalStateException("producers enqueued " + done.get() + " of " + jobs);
      }
      return System.nanoTime() - startedAt;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while producers enqueued", e);
    } finally {
      run.progress().end();
    }
  }
}
