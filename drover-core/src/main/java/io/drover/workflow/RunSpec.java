package io.drover.workflow;

import io.drover.Bounds;
import io.drover.Ids;
import io.drover.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A run to start: named steps with dependencies, checked as a whole ({@link PlanCheck}) when built,
 * so a store never sees a cycle or an unknown step.
 *
 * @param id made by the client (UUIDv7), so creating the same run twice makes one
 * @param name what the run is, e.g. {@code plan}; not unique
 * @param input JSON every step can read
 * @param maxSteps how many steps the run may ever hold, counting those added while it runs
 * @param steps the steps, each job carrying this run's id and its parents' job ids
 */
public record RunSpec(UUID id, String name, String input, int maxSteps, List<StepSpec> steps) {

  /** Steps per run unless the server's configuration says otherwise. */
  public static final int DEFAULT_MAX_STEPS = 10_000;

  public RunSpec {
    Objects.requireNonNull(id, "id");
    JobSpec.checkName("name", name);
    JobSpec.checkPayload(input, JobSpec.DEFAULT_MAX_PAYLOAD_BYTES);
    Bounds.check("max_steps", maxSteps, 1, Bounds.MAX_RUN_STEPS);
    steps = PlanCheck.place(id, Map.of(), steps, maxSteps);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public static final class Builder {
    private final String name;
    private UUID id;
    private String input = "{}";
    private int maxSteps = DEFAULT_MAX_STEPS;
    private final List<StepSpec> steps = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /** Default: a fresh UUIDv7. */
    public Builder id(UUID id) {
      this.id = id;
      return this;
    }

    /** JSON. Default: {@code {}}. */
    public Builder input(String json) {
      this.input = json;
      return this;
    }

    public Builder maxSteps(int maxSteps) {
      this.maxSteps = maxSteps;
      return this;
    }

    public Builder step(StepSpec step) {
      steps.add(step);
      return this;
    }

    public Builder step(StepSpec.Builder step) {
      return step(step.build());
    }

    public Builder steps(List<StepSpec> more) {
      steps.addAll(more);
      return this;
    }

    public RunSpec build() {
      return new RunSpec(id == null ? Ids.newId() : id, name, input, maxSteps, steps);
    }
  }
}
