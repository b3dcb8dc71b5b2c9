package io.drover.bench;

import java.util.List;
import java.util.Locale;

/**
 * {@code backlog}: {@code drain} again, in a queue that already holds {@code --history} finished
 * jobs, draining {@code --backlog} waiting ones, to show how a store's cost grows with history. The
 * history is seeded through the port ({@link Seeder}) and its time reported.
 */
final class BacklogScenario {
  private BacklogScenario() {}

  static ScenarioResult run(BenchRun run) {
    int history = run.options().history();
    int backlog = run.options().backlog();
    long seedNanos = Seeder.seed(run, history);
    String setup =
        String.format(
            Locale.ROOT,
            "%,d waiting jobs over %,d finished ones in the same queue, %s",
            backlog,
            history,
            run.workersSetup());
    return DrainScenario.fillAndDrain(run, backlog, history, setup)
        .plus(
            List.of(
                new Metric("seed_s", "time to seed the history", seedNanos / 1e9, "s"),
                new Metric(
                    "seed_jobs_per_s",
                    "seeding rate (enqueue + claim + complete)",
                    ScenarioResult.perSecond(history, seedNanos / 1e9),
                    "jobs/s")));
  }
}
