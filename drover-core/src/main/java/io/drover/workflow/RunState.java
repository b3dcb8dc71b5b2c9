package io.drover.workflow;

import java.util.Locale;

/**
 * Where a run is: running until every step finished, or one failed for good, or it was cancelled.
 */
public enum RunState {
  RUNNING,
  /** Every step finished and none that mattered failed. Terminal. */
  COMPLETED,
  /** A step that is not optional failed for good (or was cancelled). Terminal unless retried. */
  FAILED,
  /** Cancelled as a whole. Terminal unless retried. */
  CANCELLED;

  public boolean isTerminal() {
    return this != RUNNING;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name, naming the field when it is none of them. */
  public static RunState parse(String field, String name) {
    for (RunState state : values()) {
      if (state.wireName().equals(name)) {
        return state;
      }
    }
    throw new io.drover.InvalidJobException(
        field, "must be running, completed, failed or cancelled (was '" + name + "')");
  }
}
