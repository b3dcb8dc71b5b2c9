package io.drover.server.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.schedule.CronTrigger;
import io.drover.schedule.IntervalTrigger;
import io.drover.schedule.JobTemplate;
import io.drover.schedule.Schedule;
import java.time.Instant;

/** A schedule as the API shows it: the definition's field names, plus where it stands. */
public final class ScheduleView {
  /** How many upcoming fire times a schedule shows. */
  public static final int NEXT_FIRE_TIMES = 5;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ScheduleView() {}

  public static ObjectNode of(Schedule schedule) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", schedule.name());
    switch (schedule.trigger()) {
      case CronTrigger cron -> node.put("cron", cron.describe());
      case IntervalTrigger every -> node.put("every", every.period().toMillis());
    }
    node.put("timezone", schedule.trigger().zone().getId());
    node.set("job", job(schedule.job()));
    node.put("misfire_policy", schedule.misfirePolicy().wireName());
    node.put("misfire_grace", schedule.misfireGrace().toMillis());
    node.put("overlap", schedule.overlap().wireName());
    node.put("paused", schedule.paused());
    putInstant(node, "start_at", schedule.startAt());
    putInstant(node, "end_at", schedule.endAt());
    putInstant(node, "last_fire_at", schedule.lastFireAt());
    putInstant(node, "next_fire_at", schedule.nextFireAt());
    node.put("last_job_id", schedule.lastJobId() == null ? null : schedule.lastJobId().toString());
    ArrayNode upcoming = node.putArray("next_fire_times");
    Instant next = schedule.nextFireAt();
    for (int i = 0; i < NEXT_FIRE_TIMES && next != null; i++) {
      upcoming.add(next.toString());
      next = schedule.firstFireAfter(next);
    }
    return node;
  }

  private static ObjectNode job(JobTemplate template) {
    ObjectNode job = JSON.createObjectNode();
    job.put("queue", template.queue());
    job.put("kind", template.kind());
    try {
      job.set("payload", JSON.readTree(template.payload()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored schedule payload is not JSON", e);
    }
    job.put("priority", template.priority());
    job.put("max_attempts", template.maxAttempts());
    job.put("timeout", template.timeout() == null ? null : template.timeout().toMillis());
    template.tags().forEach(job.putArray("tags")::add);
    return job;
  }

  private static void putInstant(ObjectNode node, String field, Instant value) {
    node.put(field, value == null ? null : value.toString());
  }
}
