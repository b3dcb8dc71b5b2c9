package io.drover.server.http;

import static io.drover.server.json.JsonFields.duration;
import static io.drover.server.json.JsonFields.instant;
import static io.drover.server.json.JsonFields.present;
import static io.drover.server.json.JsonFields.priority;
import static io.drover.server.json.JsonFields.rejectUnknown;
import static io.drover.server.json.JsonFields.shown;
import static io.drover.server.json.JsonFields.tags;
import static io.drover.server.json.JsonFields.text;
import static io.drover.server.json.JsonFields.wholeNumber;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.Backoff;
import io.drover.Ids;
import io.drover.InvalidJobException;
import io.drover.JobDefaults;
import io.drover.JobSpec;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Reads job specs from the JSON a client posts (DESIGN §3 names, snake_case). Every rule is checked
 * before anything is stored, and the first broken one is reported by its field, prefixed with the
 * job's index in a batch ({@code [3].priority}). A JSON {@code null} counts as absent.
 */
final class JobSpecParser {
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
        throw new InvalidJobException(
            workflowField,
            "only steps of a run have one: create a run (POST /api/v1/runs) instead");
      }
    }
    String kind = present(job, "kind") ? text(job, "kind") : null;
    String queue = present(job, "queue") ? text(job, "queue") : JobSpec.DEFAULT_QUEUE;
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
}
