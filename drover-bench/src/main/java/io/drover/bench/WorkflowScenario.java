package io.drover.bench;

import io.drover.Bounds;
import io.drover.Job;
import io.drover.workflow.Run;
import io.drover.workflow.RunSpec;
import io.drover.workflow.Step;
import io.drover.workflow.StepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code workflow}: a run of parallel steps and a join, drained like {@link DrainScenario} (to set
 * against the plain drain's rate), then a chain of {@value #CHAIN} steps one after another, whose
 * hand-offs (parent finished to child started, as the store recorded them) show what unblocking
 * costs a step.
 */
final class WorkflowScenario {
  /** Steps of the chain. */
  static final int CHAIN = 1_000;

  private WorkflowScenario() {}

  static ScenarioResult run(BenchRun run) {
    int parallel = Math.min(run.options().jobs(), Bounds.MAX_RUN_STEPS - 1);
    int capacity = parallel + 1 + CHAIN;
    BenchJobs jobs = run.jobs();

    RunSpec fan = fanIn(jobs, parallel);
    run.store().workflows().createRun(fan);
    FleetResult fanned;
    try (Fleet fleet = run.fleet(capacity)) {
      fleet.start();
      fanned = run.awaitAndStop(fleet, parallel + 1, "parallel steps");
    }
    Verdict fanVerdict = run.judge(parallel + 1, 0, fanned);

    RunSpec chain = chain(jobs);
    run.store().workflows().createRun(chain);
    FleetResult chained;
    try (Fleet fleet = run.fleet(capacity)) {
      fleet.start();
      chained = run.awaitAndStop(fleet, CHAIN, "chain");
    }
    Verdict verdict = fanVerdict.then(run.judge(CHAIN, parallel + 1, chained));
    Percentiles handoffs = new Percentiles(handoffMillis(run, chain));

    List<Metric> metrics =
        List.of(
            new Metric(
                "steps_per_s",
                "parallel steps and their join, first claim to last completion",
                ScenarioResult.perSecond(parallel + 1, fanned.drainSeconds()),
                "steps/s"),
            new Metric(
                "chain_steps_per_s",
                "chain steps, first claim to last completion",
                ScenarioResult.perSecond(CHAIN, chained.drainSeconds()),
                "steps/s"),
            new Metric("handoff_p50_ms", "chain hand-off p50", handoffs.at(50), "ms"),
            new Metric("handoff_p99_ms", "chain hand-off p99", handoffs.at(99), "ms"),
            new Metric("handoff_max_ms", "chain hand-off max", handoffs.max(), "ms"));
    String setup =
        String.format(
            Locale.ROOT,
            "%,d parallel steps + join, then a chain of %,d, %s",
            parallel,
            CHAIN,
            run.workersSetup());
    return new ScenarioResult(setup, metrics, verdict);
  }

  private static RunSpec fanIn(BenchJobs jobs, int parallel) {
    RunSpec.Builder plan = RunSpec.builder("bench-fan-in").maxSteps(parallel + 1);
    List<String> names = new ArrayList<>(parallel);
    for (int i = 0; i < parallel; i++) {
      names.add("s" + i);
      plan.step(StepSpec.of("s" + i, jobs.next()));
    }
    return plan.step(StepSpec.of("join", jobs.next()).dependsOn(names)).build();
  }

  private static RunSpec chain(BenchJobs jobs) {
    RunSpec.Builder plan = RunSpec.builder("bench-chain");
    plan.step(StepSpec.of("c0", jobs.next()));
    for (int i = 1; i < CHAIN; i++) {
      plan.step(StepSpec.of("c" + i, jobs.next()).dependsOn("c" + (i - 1)));
    }
    return plan.build();
  }

  /** For each step after the first: its start minus its parent's finish, to the millisecond. */
  private static long[] handoffMillis(BenchRun run, RunSpec chain) {
    Run done = run.store().workflows().run(chain.id()).orElseThrow();
    List<Step> steps = done.steps();
    long[] gaps = new long[steps.size() - 1];
    for (int i = 1; i < steps.size(); i++) {
      Job parent = steps.get(i - 1).job();
      Job child = steps.get(i).job();
      gaps[i - 1] =
          child.startedAt() == null || parent.finishedAt() == null
              ? 0
              : child.startedAt().toEpochMilli() - parent.finishedAt().toEpochMilli();
    }
    return gaps;
  }
}
