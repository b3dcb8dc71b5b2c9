package io.drover.server.config;

import io.drover.Bounds;
import java.time.Duration;
import java.util.List;

/** The checks the settings' groups share, each failing with the setting's name and its value. */
final class Checks {
  private Checks() {}

  static void range(String setting, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ConfigException(
          setting, "must be between " + min + " and " + max + " (was " + value + ")");
    }
  }

  static void atLeast(String setting, Duration value, Duration min) {
    if (value.compareTo(min) < 0) {
      throw new ConfigException(
          setting, "must be at least " + min.toMillis() + " ms (was " + value.toMillis() + " ms)");
    }
  }

  static void between(String setting, Duration value, Duration min, Duration max) {
    atLeast(setting, value, min);
    if (value.compareTo(max) > 0) {
      throw new ConfigException(
          setting,
          "must be at most " + Bounds.describe(max) + " (was " + Bounds.describe(value) + ")");
    }
  }

  /**
   * @param choices what {@code value} may be, as the message lists them, e.g. "on, off or auto"
   */
  static void oneOf(String setting, String value, List<String> allowed, String choices) {
    if (!allowed.contains(value)) {
      throw new ConfigException(setting, "must be " + choices + " (was " + value + ")");
    }
  }
}
