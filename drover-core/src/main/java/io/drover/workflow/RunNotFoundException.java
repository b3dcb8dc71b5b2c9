package io.drover.workflow;

import io.drover.DroverException;
import java.util.UUID;

/** No run has this id (it never existed, or retention removed it). */
public class RunNotFoundException extends DroverException {
  public RunNotFoundException(UUID id) {
    super("no run with id " + id);
  }
}
