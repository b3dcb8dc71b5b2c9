package io.drover.server;

import io.drover.Bounds;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations the way operators and API clients write them: a bare whole number in a unit the
 * caller names ({@code 30000} milliseconds, {@code 60} seconds), a number with a unit ({@code
 * 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}) or ISO-8601 ({@code PT30S}).
 */
public final class Durations {
  private static final Pattern WITH_UNIT = Pattern.compile("(\\d{1,15})\\s*(ms|s|m|h|d)");

  /** The forms with a unit, as error messages list them. */
  public static final String WITH_UNITS = "a duration such as 250ms, 30s, 5m, 1h or PT30S";

  private Durations() {}

  /**
   * Parses {@code text}; a bare number is in {@code bareUnit}.
   *
   * @throws IllegalArgumentException saying what is accepted; negative durations are refused
   */
  public static Duration parse(String text, ChronoUnit bareUnit) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (trimmed.matches("\\d{1,15}")) {
        return Duration.of(Long.parseLong(trimmed), bareUnit);
      }
      Matcher withUnit = WITH_UNIT.matcher(trimmed);
      if (withUnit.matches()) {
        long amount = Long.parseLong(withUnit.group(1));
        return switch (withUnit.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      if (trimmed.startsWith("p")) {
        Duration iso = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
        if (!iso.isNegative()) {
          return iso;
        }
      }
    } catch (DateTimeParseException | ArithmeticException unreadable) {
      // not ISO-8601, or too long for a Duration: same answer as any other bad text
    }
    throw new IllegalArgumentException(
        "must be a whole number or " + WITH_UNITS + " (was '" + text + "')");
  }

  /**
   * Writes a duration the way {@link #parse} reads it, e.g. {@code 500ms}, {@code 60s}, {@code 1h},
   * {@code 30d}, as the bounds' messages do.
   */
  public static String format(Duration duration) {
    return Bounds.describe(duration);
  }
}
