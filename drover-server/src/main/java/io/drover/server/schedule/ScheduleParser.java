package io.drover.server.schedule;

import static io.drover.server.json.JsonFields.bool;
import static io.drover.server.json.JsonFields.duration;
import static io.drover.server.json.JsonFields.instant;
import static io.drover.server.json.JsonFields.present;
import static io.drover.server.json.JsonFields.priority;
import static io.drover.server.json.JsonFields.rejectUnknown;
import static io.drover.server.json.JsonFields.tags;
import static io.drover.server.json.JsonFields.text;
import static io.drover.server.json.JsonFields.wholeNumber;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.InvalidJobException;
import io.drover.JobSpec;
import io.drover.Priority;
import io.drover.schedule.CronTrigger;
import io.drover.schedule.IntervalTrigger;
import io.drover.schedule.JobTemplate;
import io.drover.schedule.MisfirePolicy;
import io.drover.schedule.OverlapPolicy;
import io.drover.schedule.Schedule;
import io.drover.schedule.Trigger;
import io.drover.server.Durations;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * Reads a schedule definition from JSON (the API's PUT body, an entry of a schedule file): {@code
 * name}, {@code cron} or {@code every}, {@code timezone}, {@code job} {queue, kind, payload,
 * priority, max_attempts, timeout, tags}, {@code misfire_policy}, {@code misfire_grace}, {@code
 * overlap}, {@code paused}, {@code start_at}, {@code end_at}. Every problem names its field.
 */
public final class ScheduleParser {
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "cron",
          "every",
          "timezone",
          "job",
          "misfire_policy",
          "misfire_grace",
          "overlap",
          "paused",
          "start_at",
          "end_at");
  private static final Set<String> JOB_FIELDS =
      Set.of("queue", "kind", "payload", "priority", "max_attempts", "timeout", "tags");

  private final ZoneId defaultZone;
  private final Duration defaultMisfireGrace;

  /**
   * @param defaultZone for definitions without {@code timezone} (the server's {@code TZ}, else UTC)
   * @param defaultMisfireGrace for definitions without {@code misfire_grace}
   */
  public ScheduleParser(ZoneId defaultZone, Duration defaultMisfireGrace) {
    this.defaultZone = defaultZone;
    this.defaultMisfireGrace = defaultMisfireGrace;
  }

  /**
   * Reads a definition; its first fire is computed from {@code now}.
   *
   * @param name the name from the URL, or null to take it from the body
   * @throws InvalidJobException naming the first field that is wrong
   */
  public Schedule parse(JsonNode body, String name, Instant now) {
    if (!body.isObject()) {
      throw new InvalidJobException("schedule", "must be a JSON object");
    }
    rejectUnknown(body, FIELDS);
    String bodyName = present(body, "name") ? text(body, "name") : null;
    if (name != null && bodyName != null && !name.equals(bodyName)) {
      throw new InvalidJobException(
          "name", "'" + bodyName + "' differs from the URL's '" + name + "'");
    }
    String scheduleName = name != null ? name : bodyName;
    if (scheduleName == null) {
      throw new InvalidJobException("name", "is required");
    }
    ZoneId zone = present(body, "timezone") ? zone(text(body, "timezone")) : defaultZone;
    Instant startAt = present(body, "start_at") ? instant(body, "start_at") : null;
    Instant endAt = present(body, "end_at") ? instant(body, "end_at") : null;
    return Schedule.create(
        scheduleName,
        trigger(body, zone, startAt != null ? startAt : now),
        job(body),
        present(body, "misfire_grace") ? duration(body, "misfire_grace") : defaultMisfireGrace,
        present(body, "misfire_policy")
            ? MisfirePolicy.fromWire(text(body, "misfire_policy"))
            : MisfirePolicy.SKIP,
        present(body, "overlap")
            ? OverlapPolicy.fromWire(text(body, "overlap"))
            : OverlapPolicy.ALLOW,
        startAt,
        endAt,
        present(body, "paused") && bool(body, "paused"),
        now);
  }

  private static Trigger trigger(JsonNode body, ZoneId zone, Instant anchor) {
    boolean cron = present(body, "cron");
    boolean every = present(body, "every");
    if (cron == every) {
      throw new InvalidJobException(
          cron ? "every" : "cron",
          "give exactly one of cron (an expression) or every (a duration)");
    }
    if (cron) {
      return CronTrigger.parse(text(body, "cron"), zone);
    }
    return new IntervalTrigger(every(body), anchor, zone);
  }

  /** {@code every} as {@code "30s"}, {@code "every 30s"} or whole milliseconds. */
  private static Duration every(JsonNode body) {
    JsonNode value = body.get("every");
    if (value.isTextual() && value.textValue().trim().startsWith("every ")) {
      try {
        return Durations.parse(value.textValue().trim().substring(6), ChronoUnit.MILLIS);
      } catch (IllegalArgumentException e) {
        throw new InvalidJobException("every", e.getMessage());
      }
    }
    return duration(body, "every");
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new InvalidJobException(
          "timezone", "'" + id + "' is not an IANA time zone (like Europe/Chisinau or UTC)");
    }
  }

  private static JobTemplate job(JsonNode body) {
    if (!present(body, "job") || !body.get("job").isObject()) {
      throw new InvalidJobException(
          "job",
          "is required: an object like {\"queue\": \"reports\", \"kind\": \"report.build\"}");
    }
    JsonNode job = body.get("job");
    try {
      rejectUnknown(job, JOB_FIELDS);
      return new JobTemplate(
          present(job, "queue") ? text(job, "queue") : JobSpec.DEFAULT_QUEUE,
          present(job, "kind") ? text(job, "kind") : null,
          present(job, "payload") ? job.get("payload").toString() : "{}",
          present(job, "priority") ? priority(job.get("priority")) : Priority.NORMAL.value(),
          present(job, "max_attempts") ? wholeNumber(job, "max_attempts") : null,
          present(job, "timeout") ? duration(job, "timeout") : null,
          present(job, "tags") ? tags(job.get("tags")) : List.of());
    } catch (InvalidJobException e) {
      throw e.within("job");
    }
  }
}
