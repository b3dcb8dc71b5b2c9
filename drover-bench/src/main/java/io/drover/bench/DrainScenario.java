package io.drover.bench;

import java.util.List;
import java.util.Locale;

/**
 * {@code drain}: fill the queue, then let the workers empty it; the rate runs from the first claim
 * that found jobs to the last completion the store committed, so filling and JVM start-up are not
 * in it.
 */
final class DrainScenario {
  private DrainScenario() {}

  static ScenarioResult run(BenchRun run) {
    int jobs = run.options().jobs();
    return fillAndDrain(
        run, jobs, 0, String.format(Locale.ROOT, "%,d jobs, %s", jobs, run.workersSetup()));
  }

  /**
   * Enqueues {@code count} jobs in batches, then drains them.
   *
   * @param completedBefore jobs of the queue already completed (seeded history)
   * @param setup what is being run, in words
   */
  static ScenarioResult fillAndDrain(BenchRun run, int count, long completedBefore, String setup) {
    long fillNanos = run.enqueueInBatches(run.jobs(), count, "fill");
    try (Fleet fleet = run.fleet(count)) {
      fleet.start();
      FleetResult ran = run.awaitAndStop(fleet, count, "drain");
      double seconds = ran.drainSeconds();
      List<Metric> metrics =
          List.of(
              new Metric(
                  "jobs_per_s",
                  "drain rate, first claim to last completion",
                  ScenarioResult.perSecond(count, seconds),
                  "jobs/s"),
              new Metric("drain_ms", "drain time", seconds * 1e3, "ms"),
              new Metric(
                  "jobs_per_claim",
                  "jobs per claim round trip",
                  perCall(count, ran.claimCalls()),
                  "jobs"),
              new Metric(
                  "jobs_per_ack",
                  "jobs per completion round trip",
                  perCall(count, ran.completeCalls()),
                  "jobs"),
              new Metric(
                  "fill_ms", "time to enqueue them first, in batches", fillNanos / 1e6, "ms"));
      return new ScenarioResult(setup, metrics, run.judge(count, completedBefore, ran));
    }
  }

  private static double perCall(long jobs, long calls) {
    return calls == 0 ? 0 : (double) jobs / calls;
  }
}
