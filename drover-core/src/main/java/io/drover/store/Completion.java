package io.drover.store;

import io.drover.workflow.StepSpec;
import java.util.List;

/**
 * A successful attempt.
 *
 * @param result the handler's result as JSON text, or null
 * @param addSteps steps the completed step adds to its run (fan-out at run time), checked against
 *     the run and stored in the same atomic operation as the completion; empty for most jobs
 */
public record Completion(LeaseRef lease, String result, List<StepSpec> addSteps)
    implements Acknowledgement {

  public Completion {
    addSteps = List.copyOf(addSteps);
  }

  public Completion(LeaseRef lease, String result) {
    this(lease, result, List.of());
  }
}
