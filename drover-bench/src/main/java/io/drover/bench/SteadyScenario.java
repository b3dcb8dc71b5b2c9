package io.drover.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code steady}: jobs arrive one per call at {@code --rate} per second for {@code --duration}
 * ({@link Producers}), with the workers already waiting; each job's wait runs from just before its
 * enqueue call to its handler's start. A producer that falls behind its schedule enqueues at once
 * rather than skipping, so no job is left out of the figures.
 *
 * <p>The stream starts with {@link #WARM_UP_SECONDS} seconds of arrivals at the same rate whose
 * waits are left out of the percentiles (their jobs are still checked): the first jobs of a fresh
 * JVM wait on class loading and the JIT, a cost paid once per process, not per job.
 */
final class SteadyScenario {
  private static final int WARM_UP_SECONDS = 2;

  private SteadyScenario() {}

  static ScenarioResult run(BenchRun run) {
    int rate = run.options().rate();
    int warmUp = rate * WARM_UP_SECONDS;
    int total = warmUp + run.options().arrivingJobs();
    try (Fleet fleet = run.fleet(total)) {
      fleet.start();
      long arrivalNanos = new Producers(run).enqueue(run.jobs(), total, rate, "arrive");
      FleetResult ran = run.awaitAndStop(fleet, total, "finish");
      Percentiles waits =
          new Percentiles(
              Arrays.stream(ran.waits(), warmUp, total)
                  .filter(wait -> wait != RunLog.NOT_RUN)
                  .toArray());
      List<Metric> metrics = new ArrayList<>();
      metrics.add(
          new Metric(
              "arrival_per_s",
              "arrival rate achieved",
              ScenarioResult.perSecond(total, arrivalNanos / 1e9),
              "jobs/s"));
      metrics.add(latency("latency_p50_us", "enqueue to start, p50", waits.at(50)));
      metrics.add(latency("latency_p95_us", "enqueue to start, p95", waits.at(95)));
      metrics.add(latency("latency_p99_us", "enqueue to start, p99", waits.at(99)));
      metrics.add(latency("latency_max_us", "enqueue to start, max", waits.max()));
      return new ScenarioResult(
          String.format(
              Locale.ROOT,
              "%,d jobs/s for %d s (%,d jobs) after a %d s warm-up at that rate, %s",
              rate,
              run.options().duration().toSeconds(),
              total - warmUp,
              WARM_UP_SECONDS,
              run.workersSetup()),
          metrics,
          run.judge(total, 0, ran));
    }
  }

  private static Metric latency(String name, String label, long nanos) {
    return new Metric(name, label, nanos / 1e3, "us");
  }
}
