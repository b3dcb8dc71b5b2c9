package io.drover.server.config;

import io.drover.InvalidJobException;
import io.drover.server.Durations;
import io.drover.store.QueuePattern;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How a setting's text becomes its value. Each throws {@link IllegalArgumentException} saying what
 * the text must be; {@link ConfigLoader} puts the setting's name and source before it.
 */
final class SettingParsers {
  private SettingParsers() {}

  /** A duration with a unit, or a bare number in {@code bareUnit} (the unit its variable names). */
  static Function<String, Duration> duration(ChronoUnit bareUnit) {
    return text -> Durations.parse(text, bareUnit);
  }

  static String text(String text) {
    return text;
  }

  static int wholeNumber(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number (was '" + text + "')");
    }
  }

  static long byteCount(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number of bytes (was '" + text + "')");
    }
  }

  static boolean trueOrFalse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false (was '" + text + "')");
    };
  }

  static Path path(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("is not a usable path (" + e.getReason() + ")");
    }
  }

  static ZoneId zone(String text) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "must be an IANA time zone such as UTC or Europe/Chisinau (was '" + text + "')");
    }
  }

  static List<QueuePattern> queues(String text) {
    try {
      return QueuePattern.parseList(text);
    } catch (InvalidJobException e) {
      throw new IllegalArgumentException(
          "must be comma-separated queue names or globs (" + e.getMessage() + ")");
    }
  }
}
