package io.drover;

import io.drover.workflow.StepSpec;
import java.time.Duration;
import java.util.List;

/** What a handler says became of its attempt: a value, not a thrown control-flow trick. */
public sealed interface Outcome {

  /**
   * The job is done; {@code result} (JSON text or null) is stored with it. A step of a run may add
   * steps to its run, stored atomically with its completion (fan-out at run time).
   */
  record Complete(String result, List<StepSpec> addSteps) implements Outcome {
    public Complete {
      addSteps = List.copyOf(addSteps);
    }

    /** The same completion, adding {@code steps} to the run (e.g. one per page, and a join). */
    public Complete addSteps(List<StepSpec> steps) {
      List<StepSpec> all = new java.util.ArrayList<>(addSteps);
      all.addAll(steps);
      return new Complete(result, all);
    }

    public Complete addSteps(StepSpec... steps) {
      return addSteps(List.of(steps));
    }
  }

  /**
   * This attempt did not succeed; try again after {@code delay} instead of the backoff. It uses an
   * attempt: with none left, the job fails.
   *
   * @param delay from zero to {@link Bounds#MAX_RETRY_DELAY}
   */
  record RetryIn(Duration delay, String reason) implements Outcome {
    public RetryIn {
      Bounds.check("retry_in", delay, Duration.ZERO, Bounds.MAX_RETRY_DELAY);
    }
  }

  /** The job can never succeed (bad input, a 404): fail it now whatever attempts remain. */
  record Fail(String reason) implements Outcome {}

  Complete COMPLETE = new Complete(null, List.of());

  static Complete complete() {
    return COMPLETE;
  }

  static Complete complete(String resultJson) {
    return new Complete(resultJson, List.of());
  }

  static Outcome retryIn(Duration delay, String reason) {
    return new RetryIn(delay, reason);
  }

  static Outcome fail(String reason) {
    return new Fail(reason);
  }
}
