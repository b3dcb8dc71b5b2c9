package io.drover.workflow;

import io.drover.DroverException;
import java.util.UUID;

/**
 * An operation on one job that would tear it out of its run: a step is retried, deleted and removed
 * with its run, never alone.
 */
public class StepOfRunException extends DroverException {
  public StepOfRunException(UUID jobId, UUID runId, String instead) {
    super("job " + jobId + " is a step of run " + runId + ": " + instead);
  }
}
