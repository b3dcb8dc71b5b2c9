package io.drover.workflow;

import io.drover.InvalidJobException;
import io.drover.JobSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One step of a run: a job, its name in the run and the steps it waits for.
 *
 * @param name unique in its run; the key under which dependents read its result
 * @param job what runs; its {@code run_id} and {@code depends_on} are filled in by {@link RunSpec}
 * @param dependsOn names of steps of the same run, each listed once
 * @param optional when true, the step failing for good does not fail the run: its dependents run
 *     anyway and see it failed
 * @param runOn when the step may start given its parents' outcomes
 * @param waitsFor a signal or timer the store completes the step on, or null for a worker's job
 */
public record StepSpec(
    String name,
    JobSpec job,
    List<String> dependsOn,
    boolean optional,
    RunOn runOn,
    StepWait waitsFor) {

  public StepSpec {
    JobSpec.checkName("name", name);
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(runOn, "run_on");
    dependsOn = List.copyOf(dependsOn);
    if (new LinkedHashSet<>(dependsOn).size() != dependsOn.size()) {
      throw new InvalidJobException("depends_on", "names a step twice");
    }
    if (dependsOn.contains(name)) {
      throw new InvalidJobException("depends_on", "step '" + name + "' depends on itself");
    }
    if (job.dedupKey() != null) {
      throw new InvalidJobException(
          "dedup_key", "a step has none: the run's id makes creating it idempotent");
    }
    if (waitsFor != null && !job.kind().equals(waitsFor.kind())) {
      throw new InvalidJobException(
          "kind", "a step that waits for a signal or timer has kind " + waitsFor.kind());
    }
  }

  /** A step that runs {@code job} on a worker. */
  public static Builder of(String name, JobSpec job) {
    return new Builder(name, job, null);
  }

  /** A step the store completes when {@code waitsFor}'s signal arrives or its timer fires. */
  public static Builder waiting(String name, StepWait waitsFor) {
    return waiting(name, JobSpec.builder(JobSpec.DEFAULT_QUEUE, waitsFor.kind()).build(), waitsFor);
  }

  /**
   * A waiting step whose job, of kind {@link StepWait#kind()}, says where it is listed and counted
   * (its queue) and its id.
   */
  public static Builder waiting(String name, JobSpec job, StepWait waitsFor) {
    return new Builder(name, job, waitsFor);
  }

  /** This step as a member of a run: its job carries the run and its parents' job ids. */
  StepSpec inRun(JobSpec placed) {
    return new StepSpec(name, placed, dependsOn, optional, runOn, waitsFor);
  }

  public static final class Builder {
    private final String name;
    private final JobSpec job;
    private final StepWait waitsFor;
    private final List<String> dependsOn = new ArrayList<>();
    private boolean optional;
    private RunOn runOn = RunOn.COMPLETED;

    private Builder(String name, JobSpec job, StepWait waitsFor) {
      this.name = name;
      this.job = job;
      this.waitsFor = waitsFor;
    }

    public Builder dependsOn(String... steps) {
      dependsOn.addAll(List.of(steps));
      return this;
    }

    public Builder dependsOn(List<String> steps) {
      dependsOn.addAll(steps);
      return this;
    }

    public Builder optional(boolean optional) {
      this.optional = optional;
      return this;
    }

    public Builder runOn(RunOn runOn) {
      this.runOn = runOn;
      return this;
    }

    public StepSpec build() {
      return new StepSpec(name, job, dependsOn, optional, runOn, waitsFor);
    }
  }
}
