package io.drover;

import java.util.Locale;

/**
 * Named job priorities. Priorities are integers from {@value #MIN} to {@value #MAX}; higher runs
 * first. These names are conveniences for the common levels.
 */
public enum Priority {
  CRITICAL(10),
  HIGH(7),
  NORMAL(5),
  LOW(3),
  BACKGROUND(1);

  public static final int MIN = 1;
  public static final int MAX = 10;

  private final int value;

  Priority(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  /**
   * Parses either a number from 1 to 10 or a level name (case-insensitive).
   *
   * @throws InvalidJobException naming the {@code priority} field
   */
  public static int parse(String text) {
    try {
      return check(Integer.parseInt(text.trim()));
    } catch (NumberFormatException notANumber) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT)).value;
      } catch (IllegalArgumentException unknown) {
        throw new InvalidJobException(
            "priority",
            "must be 1-10 or one of critical, high, normal, low, background (was '" + text + "')");
      }
    }
  }

  /**
   * Returns the priority if it lies in range.
   *
   * @throws InvalidJobException naming the {@code priority} field
   */
  public static int check(int priority) {
    if (priority < MIN || priority > MAX) {
      throw new InvalidJobException(
          "priority", "must be between " + MIN + " and " + MAX + " (was " + priority + ")");
    }
    return priority;
  }
}
