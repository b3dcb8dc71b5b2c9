package io.drover.store;

import java.time.Duration;

/**
 * The checks every store's configuration makes, failing with {@link IllegalArgumentException}s
 * worded alike: {@code field: what is wrong (was …)}.
 */
public final class ConfigChecks {
  private ConfigChecks() {}

  /** Returns {@code value} if it is set. */
  public static <T> T required(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": must be set");
    }
    return value;
  }

  /** Returns {@code value} if it is set and at least {@code min}. */
  public static Duration atLeast(String field, Duration value, Duration min) {
    if (value == null || value.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          field
              + ": must be at least "
              + min.toMillis()
              + " ms (was "
              + (value == null ? "unset" : value.toMillis() + " ms")
              + ")");
    }
    return value;
  }
}
