package io.drover.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A schedule's definition as one JSON document, for stores: what an operator wrote (trigger, job,
 * policies, window). Where the schedule stands (paused, last and next fire, last job) is not in it;
 * stores keep those as fields they can compare and set.
 */
public final class ScheduleJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScheduleJson() {}

  public static String definition(Schedule schedule) {
    ObjectNode root = JSON.createObjectNode();
    switch (schedule.trigger()) {
      case CronTrigger cron -> root.put("cron", cron.describe());
      case IntervalTrigger every -> {
        root.put("every_ms", every.period().toMillis());
        root.put("anchor", every.anchor().toString());
      }
    }
    root.put("timezone", schedule.trigger().zone().getId());
    ObjectNode job = root.putObject("job");
    JobTemplate template = schedule.job();
    job.put("queue", template.queue());
    job.put("kind", template.kind());
    job.put("payload", template.payload());
    job.put("priority", template.priority());
    if (template.maxAttempts() != null) {
      job.put("max_attempts", template.maxAttempts());
    }
    if (template.timeout() != null) {
      job.put("timeout_ms", template.timeout().toMillis());
    }
    template.tags().forEach(job.putArray("tags")::add);
    root.put("misfire_grace_ms", schedule.misfireGrace().toMillis());
    root.put("misfire_policy", schedule.misfirePolicy().wireName());
    root.put("overlap", schedule.overlap().wireName());
    if (schedule.startAt() != null) {
      root.put("start_at", schedule.startAt().toString());
    }
    if (schedule.endAt() != null) {
      root.put("end_at", schedule.endAt().toString());
    }
    return root.toString();
  }

  /** Rebuilds a schedule from its definition and the state a store kept beside it. */
  public static Schedule read(
      String name,
      String definition,
      boolean paused,
      Instant lastFireAt,
      Instant nextFireAt,
      UUID lastJobId) {
    JsonNode root;
    try {
      root = JSON.readTree(definition);
    } catch (IOException e) {
      throw new UncheckedIOException("schedule " + name + " has an unreadable definition", e);
    }
    ZoneId zone = ZoneId.of(root.get("timezone").asText());
    Trigger trigger =
        root.has("cron")
            ? CronTrigger.parse(root.get("cron").asText(), zone)
            : new IntervalTrigger(
                Duration.ofMillis(root.get("every_ms").asLong()),
                Instant.parse(root.get("anchor").asText()),
                zone);
    JsonNode job = root.get("job");
    List<String> tags = new ArrayList<>();
    job.path("tags").forEach(tag -> tags.add(tag.asText()));
    JobTemplate template =
        new JobTemplate(
            job.get("queue").asText(),
            job.get("kind").asText(),
            job.get("payload").asText(),
            job.get("priority").asInt(),
            job.has("max_attempts") ? job.get("max_attempts").asInt() : null,
            job.has("timeout_ms") ? Duration.ofMillis(job.get("timeout_ms").asLong()) : null,
            tags);
    return new Schedule(
        name,
        trigger,
        template,
        Duration.ofMillis(root.get("misfire_grace_ms").asLong()),
        MisfirePolicy.fromWire(root.get("misfire_policy").asText()),
        OverlapPolicy.fromWire(root.get("overlap").asText()),
        root.has("start_at") ? Instant.parse(root.get("start_at").asText()) : null,
        root.has("end_at") ? Instant.parse(root.get("end_at").asText()) : null,
        paused,
        lastFireAt,
        nextFireAt,
        lastJobId);
  }
}
