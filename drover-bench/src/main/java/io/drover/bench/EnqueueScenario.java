package io.drover.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code enqueue}: the rate of enqueueing {@code --jobs} jobs one per call (a producer per request)
 * from {@code --producers} threads at once, through the producers' path of {@code drover server}
 * and the Java API ({@link Producers}), then as many again in calls of {@code --batch-size}. The
 * workers then drain all of them, unmeasured, so the exactly-once check covers the enqueued jobs
 * too and the store is left with nothing waiting.
 */
final class EnqueueScenario {
  private EnqueueScenario() {}

  static ScenarioResult run(BenchRun run) {
    int jobs = run.options().jobs();
    BenchJobs made = run.jobs();
    long oneByOneNanos = new Producers(run).enqueue(made, jobs, 0, "one-by-1");
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
}
