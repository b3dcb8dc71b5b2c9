package io.drover.schedule;

import java.util.Locale;

/** Whether a fire may start while the job of the previous fire is not finished. */
public enum OverlapPolicy {
  /** Fire regardless. The default. */
  ALLOW,
  /** Skip the fire while the previous job is not in a terminal state. */
  SKIP;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OverlapPolicy fromWire(String text) {
    for (OverlapPolicy policy : values()) {
      if (policy.wireName().equals(text)) {
        return policy;
      }
    }
    throw new io.drover.InvalidJobException(
        "overlap", "must be allow or skip (was '" + text + "')");
  }
}
