package io.drover;

import java.util.UUID;

/** No job has this id (it never existed, or retention removed it). */
public class JobNotFoundException extends DroverException {
  private final UUID id;

  public JobNotFoundException(UUID id) {
    super("no job with id " + id);
    this.id = id;
  }

  public UUID id() {
    return id;
  }
}
