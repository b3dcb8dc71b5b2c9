package io.drover.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.Backoff;
import io.drover.Ids;
import io.drover.InvalidJobException;
import io.drover.JobDefaults;
import io.drover.JobSpec;
import io.drover.Priority;
import io.drover.server.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Reads job specs from the JSON a client posts (DESIGN §3 names, snake_case). Every rule is checked
 * before anything is stored, and the first broken one is reported by its field, prefixed with the
 * job's index in a batch ({@code [3].priority}). A JSON {@code null} counts as absent.
 */
final class JobSpecParser {
  /** A queue for jobs that name none, as in Sidekiq and Oban. */
  static final String DEFAULT_QUEUE = "default";

  /**
   * Jobs per request: enough to amortise the round trip, small enough that one request never holds
   * the store's write lock for long.
   */
  static final int MAX_BATCH = 1_000;

  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "queue",
          "kind",
          "payload",
          "priority",
          "run_at",
          "delay",
          "max_attempts",
          "backoff",
          "timeout",
          "dedup_key",
          "dedup_window",
          "rate_key",
          "tags",
          "run_id",
          "depends_on");

  private static final Set<String> BACKOFF_FIELDS = Set.of("base", "max");

  private final JobDefaults defaults;
  private final int maxPayloadBytes;
  private final InstantSource clock;

  JobSpecParser(JobDefaults defaults, int maxPayloadBytes, InstantSource clock) {
    this.defaults = defaults;
    this.maxPayloadBytes = maxPayloadBytes;
    this.clock = clock;
  }

  /**
   * Reads every job of a batch, or fails on the first bad one without having stored anything.
   *
   * @param idWhenAbsent the id of the job at an index when it gives none, or null for a new one
   * @throws InvalidJobException naming {@code [index].field}
   */
  List<JobSpec> parseBatch(JsonNode array, IntFunction<UUID> idWhenAbsent) {
    if (array.isEmpty() || array.size() > MAX_BATCH) {
      throw ProblemException.badRequest(
          null, "a batch holds 1 to " + MAX_BATCH + " jobs (was " + array.size() + ")");
    }
    List<JobSpec> specs = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      try {
        specs.add(parse(array.get(i), idWhenAbsent.apply(i)));
      } catch (InvalidJobException e) {
        throw e.within("[" + i + "]");
      }
    }
    return specs;
  }

  /**
   * Reads one job object.
   *
   * @param idWhenAbsent the job's id when it gives none, or null for a new one
   * @throws InvalidJobException naming the first field that is wrong
   */
  JobSpec parse(JsonNode job, UUID idWhenAbsent) {
    if (!job.isObject()) {
      throw new InvalidJobException("job", "must be a JSON object (was " + shown(job) + ")");
    }
    rejectUnknown(job, FIELDS);
    // Accepted as empty, as clients that always send every field do; refused with content.
    for (String workflowField : List.of("run_id", "depends_on")) {
      JsonNode value = job.get(workflowField);
      if (present(job, workflowField) && !(value.isArray() && value.isEmpty())) {
        throw new InvalidJobException(workflowField, "workflows are not available yet");
      }
    }
    String kind = present(job, "kind") ? text(job, "kind") : null;
    String queue = present(job, "queue") ? text(job, "queue") : DEFAULT_QUEUE;
    JobSpec.Builder spec = JobSpec.builder(queue, kind);
    if (present(job, "id")) {
      spec.id(Ids.parse("id", text(job, "id")));
    } else if (idWhenAbsent != null) {
      spec.id(idWhenAbsent);
    }
    if (present(job, "payload")) {
      String payload = job.get("payload").toString();
      JobSpec.checkPayload(payload, maxPayloadBytes);
      spec.payload(payload);
    }
    if (present(job, "priority")) {
      spec.priority(priority(job.get("priority")));
    }
    if (present(job, "run_at") && present(job, "delay")) {
      throw new InvalidJobException("delay", "give run_at or delay, not both");
    }
    if (present(job, "run_at")) {
      spec.runAt(instant(job, "run_at"));
    }
    if (present(job, "delay")) {
      spec.delay(duration(job, "delay"), clock.instant());
    }
    if (present(job, "max_attempts")) {
      spec.maxAttempts(wholeNumber(job, "max_attempts"));
    }
    if (present(job, "backoff")) {
      spec.backoff(backoff(job.get("backoff")));
    }
    if (present(job, "timeout")) {
      spec.timeout(duration(job, "timeout"));
    }
    if (present(job, "dedup_key")) {
      spec.dedupKey(text(job, "dedup_key"));
    }
    if (present(job, "dedup_window")) {
      spec.dedupWindow(duration(job, "dedup_window"));
    }
    if (present(job, "rate_key")) {
      spec.rateKey(text(job, "rate_key"));
    }
    if (present(job, "tags")) {
      spec.tags(tags(job.get("tags")));
    }
    return spec.build(defaults);
  }

  private Backoff backoff(JsonNode node) {
    if (!node.isObject()) {
      throw new InvalidJobException(
          "backoff", "must be an object like {\"base\": \"5s\", \"max\": \"1m\"}");
    }
    Duration base;
    Duration max;
    try {
      rejectUnknown(node, BACKOFF_FIELDS);
      base = present(node, "base") ? duration(node, "base") : defaults.backoff().base();
      max = present(node, "max") ? duration(node, "max") : defaults.backoff().max();
    } catch (InvalidJobException e) {
      throw e.within("backoff");
    }
    return new Backoff(base, max); // names backoff.base or backoff.max itself
  }

  private static void rejectUnknown(JsonNode object, Set<String> known) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new InvalidJobException(
            name,
            "is not a known field (expected one of " + String.join(", ", sorted(known)) + ")");
      }
    }
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  private static boolean present(JsonNode object, String field) {
    JsonNode value = object.get(field);
    return value != null && !value.isNull();
  }

  private static String text(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (!value.isTextual()) {
      throw new InvalidJobException(field, "must be a string (was " + shown(value) + ")");
    }
    return value.textValue();
  }

  private static int wholeNumber(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new InvalidJobException(field, "must be a whole number (was " + shown(value) + ")");
    }
    return value.intValue();
  }

  private static int priority(JsonNode value) {
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
  private static Duration duration(JsonNode object, String field) {
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
  private static Instant instant(JsonNode object, String field) {
    String text = text(object, field);
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidJobException(
          field,
          "must be an ISO-8601 time with a zone, like 2030-01-01T09:00:00Z (was '" + text + "')");
    }
  }

  private static List<String> tags(JsonNode value) {
    if (!value.isArray()) {
      throw new InvalidJobException(
          "tags", "must be an array of strings (was " + shown(value) + ")");
    }
    List<String> tags = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      JsonNode tag = value.get(i);
      if (!tag.isTextual()) {
        throw new InvalidJobException(
            "tags[" + i + "]", "must be a string (was " + shown(tag) + ")");
      }
      tags.add(tag.textValue());
    }
    return tags;
  }

  /** A value as an error message shows it: short scalars as written, anything else by type. */
  private static String shown(JsonNode value) {
    String text = value.toString();
    return value.isValueNode() && text.length() <= 40
        ? text
        : value.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
