package io.drover.schedule;

import java.util.Locale;

/** What to do with fire times that passed more than the misfire grace ago (an outage, a pause). */
public enum MisfirePolicy {
  /** Drop them and go on from the next future time. The default. */
  SKIP,
  /** Coalesce them all into one fire, now. */
  FIRE_ONCE,
  /** Catch up: fire each of them, at most {@link Scheduler#MAX_CATCH_UP} per schedule. */
  FIRE_ALL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MisfirePolicy fromWire(String text) {
    for (MisfirePolicy policy : values()) {
      if (policy.wireName().equals(text)) {
        return policy;
      }
    }
    throw new io.drover.InvalidJobException(
        "misfire_policy", "must be skip, fire_once or fire_all (was '" + text + "')");
  }
}
