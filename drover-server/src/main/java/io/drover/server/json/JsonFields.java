package io.drover.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.InvalidJobException;
import io.drover.Priority;
import io.drover.server.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads typed fields out of client JSON (jobs, schedules, schedule files), each failure an {@link
 * InvalidJobException} naming the field. A JSON {@code null} counts as absent.
 */
public final class JsonFields {
  private JsonFields() {}

  /** Refuses any field not in {@code known}, listing the known ones. */
  public static void rejectUnknown(JsonNode object, Set<String> known) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new InvalidJobException(
            name,
            "is not a known field (expected one of "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
  }

  public static boolean present(JsonNode object, String field) {
    JsonNode value = object.get(field);
    return value != null && !value.isNull();
  }

  public static String text(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (!value.isTextual()) {
      throw new InvalidJobException(field, "must be a string (was " + shown(value) + ")");
    }
    return value.textValue();
  }

  public static boolean bool(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (!value.isBoolean()) {
      throw new InvalidJobException(field, "must be true or false (was " + shown(value) + ")");
    }
    return value.booleanValue();
  }

  public static int wholeNumber(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new InvalidJobException(field, "must be a whole number (was " + shown(value) + ")");
    }
    return value.intValue();
  }

  /** 1-10 or a level name. */
  public static int priority(JsonNode value) {
    if (value.isTextual()) {
      return Priority.parse(value.textValue());
    }
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      return Priority.check(value.intValue());
    }
    throw new InvalidJobException(
        "priority",
        "must be 1-10 or one of critical, high, normal, low, background (was "
            + shown(value)
            + ")");
  }

  /** Whole milliseconds, or a string such as {@code "30s"} or {@code "PT30S"}. */
  public static Duration duration(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
      return Duration.ofMillis(value.longValue());
    }
    if (value.isTextual()) {
      try {
        return Durations.parse(value.textValue(), ChronoUnit.MILLIS);
      } catch (IllegalArgumentException e) {
        throw new InvalidJobException(field, e.getMessage());
      }
    }
    throw new InvalidJobException(
        field,
        "must be whole milliseconds or " + Durations.WITH_UNITS + " (was " + shown(value) + ")");
  }

  /** ISO-8601 with a zone or offset: {@code 2030-01-01T09:00:00Z}, {@code …+02:00}. */
  public static Instant instant(JsonNode object, String field) {
    String text = text(object, field);
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidJobException(
          field,
          "must be an ISO-8601 time with a zone, like 2030-01-01T09:00:00Z (was '" + text + "')");
    }
  }

  public static List<String> tags(JsonNode value) {
    return strings(value, "tags");
  }

  /** An array of strings, each named {@code field[i]} when it is not one. */
  public static List<String> strings(JsonNode value, String field) {
    if (!value.isArray()) {
      throw new InvalidJobException(
          field, "must be an array of strings (was " + shown(value) + ")");
    }
    List<String> strings = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      if (!element.isTextual()) {
        throw new InvalidJobException(
            field + "[" + i + "]", "must be a string (was " + shown(element) + ")");
      }
      strings.add(element.textValue());
    }
    return strings;
  }

  /** A value as an error message shows it: short scalars as written, anything else by type. */
  public static String shown(JsonNode value) {
    String text = value.toString();
    return value.isValueNode() && text.length() <= 40
        ? text
        : value.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
