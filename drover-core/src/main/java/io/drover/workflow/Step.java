package io.drover.workflow;

import io.drover.Job;
import java.util.List;

/**
 * A step as the store holds it: how it was declared and its job as it is now (state, attempt,
 * result, errors).
 */
public record Step(
    String name,
    List<String> dependsOn,
    boolean optional,
    RunOn runOn,
    StepWait waitsFor,
    Job job) {

  public Step {
    dependsOn = List.copyOf(dependsOn);
  }
}
