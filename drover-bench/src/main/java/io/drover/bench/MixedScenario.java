package io.drover.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code mixed}: {@code --producers} threads enqueue one job per call at {@code --rate} in all for
 * {@code --duration}, while the workers drain the same queue: whether the workers keep up when
 * producers' writes compete with their claims and completions for the store (SQLite's one writer
 * above all). The backlog (jobs arrived and not completed) is sampled every {@value #SAMPLE_MILLIS}
 * ms; once the arrivals end, what the workers completed meanwhile is set against what arrived, then
 * the rest is drained so every job is judged.
 */
final class MixedScenario {
  private static final long SAMPLE_MILLIS = 100;

  private MixedScenario() {}

  static ScenarioResult run(BenchRun run) {
    int rate = run.options().rate();
    int total = run.options().arrivingJobs();
    Producers producers = new Producers(run);
    try (Fleet fleet = run.fleet(total)) {
      fleet.start();
      AtomicLong backlogMax = new AtomicLong();
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
      sampler.scheduleAtFixedRate(
          () -> backlogMax.accumulateAndGet(producers.sent() - fleet.completed(), Math::max),
          SAMPLE_MILLIS,
          SAMPLE_MILLIS,
          TimeUnit.MILLISECONDS);
      long arrivalNanos;
      try {
        arrivalNanos = producers.enqueue(run.jobs(), total, rate, "arrive");
      } finally {
        sampler.shutdownNow();
      }
      long completed = fleet.completed();
      FleetResult ran = run.awaitAndStop(fleet, total, "finish");
      double seconds = arrivalNanos / 1e9;
      List<Metric> metrics = new ArrayList<>();
      metrics.add(
          new Metric(
              "arrival_per_s",
              "arrival rate achieved",
              ScenarioResult.perSecond(total, seconds),
              "jobs/s"));
      metrics.add(
          new Metric(
              "drain_per_s",
              "completions while jobs arrived",
              ScenarioResult.perSecond(completed, seconds),
              "jobs/s"));
      metrics.add(
          new Metric(
              "completed_ratio",
              "completed within the arrivals, of those arrived",
              (double) completed / total,
              Metric.RATIO));
      metrics.add(
          new Metric(
              "backlog_max",
              "backlog at its largest",
              Math.max(backlogMax.get(), total - completed),
              "jobs"));
      metrics.add(
          new Metric("backlog_end", "backlog when the arrivals ended", total - completed, "jobs"));
      return new ScenarioResult(
          String.format(
              Locale.ROOT,
              "%,d jobs/s for %d s (%,d jobs) from %d producers, one job per call, %s",
              rate,
              run.options().duration().toSeconds(),
              total,
              run.options().producers(),
              run.workersSetup()),
          metrics,
          run.judge(total, 0, ran));
    }
  }
}
