package io.drover.workflow;

import java.util.Locale;

/** When a step with dependencies may start. */
public enum RunOn {
  /**
   * Once every parent completed (an {@link StepSpec#optional() optional} parent may also have
   * failed or been cancelled). A parent that fails for good cancels the step instead.
   */
  COMPLETED,
  /** Once every parent finished, whatever the outcome: cleanup, compensation, notifications. */
  FINISHED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name ({@code completed} or {@code finished}), or null for none. */
  public static RunOn parse(String name) {
    for (RunOn value : values()) {
      if (value.wireName().equals(name)) {
        return value;
      }
    }
    throw new io.drover.InvalidJobException(
        "run_on", "must be completed or finished (was '" + name + "')");
  }
}
