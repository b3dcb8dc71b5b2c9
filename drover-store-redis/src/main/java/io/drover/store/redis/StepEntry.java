package io.drover.store.redis;

import java.util.UUID;

/**
 * A step as its run's lists name it ({@code run.lua}): "&lt;job id&gt; &lt;queue&gt;", the queue
 * being where its job's hash lives.
 */
record StepEntry(UUID id, String queue) {
  /** Characters of a UUID's text, after which the space and the queue follow. */
  private static final int ID_LENGTH = 36;

  static StepEntry parse(String entry) {
    return new StepEntry(
        UUID.fromString(entry.substring(0, ID_LENGTH)), entry.substring(ID_LENGTH + 1));
  }
}
