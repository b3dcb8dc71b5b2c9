package io.drover.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.drover.Job;
import io.drover.JobError;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A job as the API shows it: DESIGN §3 names in snake_case, times ISO-8601 UTC, durations in whole
 * milliseconds, and payload and result embedded as JSON rather than strings. Absent values are
 * {@code null}, so every job has the same fields.
 */
final class JobJson {
  private JobJson() {}

  static ObjectNode of(Job job) {
    ObjectNode node = Json.object();
    node.put("id", job.id().toString());
    node.put("queue", job.queue());
    node.put("kind", job.kind());
    node.put("state", job.state().wireName());
    node.put("priority", job.priority());
    node.put("attempt", job.attempt());
    node.put("max_attempts", job.maxAttempts());
    node.putRawValue("payload", new RawValue(job.payload()));
    node.put("run_at", time(job.runAt()));
    ObjectNode backoff = node.putObject("backoff");
    backoff.put("base", millis(job.backoff().base()));
    backoff.put("max", millis(job.backoff().max()));
    node.put("timeout", millis(job.timeout()));
    node.put("dedup_key", job.dedupKey());
    node.put("rate_key", job.rateKey());
    ArrayNode tags = node.putArray("tags");
    job.tags().forEach(tags::add);
    node.put("run_id", id(job.runId()));
    ArrayNode dependsOn = node.putArray("depends_on");
    job.dependsOn().forEach(dependency -> dependsOn.add(dependency.toString()));
    if (job.progress() == null) {
      node.putNull("progress");
    } else {
      node.putObject("progress")
          .put("percent", job.progress().percent())
          .put("message", job.progress().message());
    }
    if (job.result() == null) {
      node.putNull("result");
    } else {
      node.putRawValue("result", new RawValue(job.result()));
    }
    ArrayNode errors = node.putArray("errors");
    for (JobError error : job.errors()) {
      errors
          .addObject()
          .put("attempt", error.attempt())
          .put("message", error.message())
          .put("stack", error.stack())
          .put("at", time(error.at()));
    }
    node.put("worker_id", job.workerId());
    node.put("lease_expires_at", time(job.leaseExpiresAt()));
    node.put("created_at", time(job.createdAt()));
    node.put("started_at", time(job.startedAt()));
    node.put("finished_at", time(job.finishedAt()));
    return node;
  }

  /** ISO-8601 in UTC ({@link Instant#toString()} always writes {@code Z}), or null. */
  static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Long millis(Duration duration) {
    return duration == null ? null : duration.toMillis();
  }

  private static String id(UUID id) {
    return id == null ? null : id.toString();
  }
}
