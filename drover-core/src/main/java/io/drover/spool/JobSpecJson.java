package io.drover.spool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.Backoff;
import io.drover.JobSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A complete {@link JobSpec} as one JSON object, for keeping a spec to enqueue later: every field,
 * under the names of DESIGN §3. The payload is kept as the exact text the spec holds (a JSON
 * string), not re-parsed, so numbers and spacing reach the store as the producer sent them.
 * Durations are whole milliseconds, as stores keep them; {@code run_at} is ISO-8601.
 */
public final class JobSpecJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JobSpecJson() {}

  public static ObjectNode write(JobSpec spec) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", spec.id().toString());
    node.put("queue", spec.queue());
    node.put("kind", spec.kind());
    node.put("payload", spec.payload());
    node.put("priority", spec.priority());
    if (spec.runAt() != null) {
      node.put("run_at", spec.runAt().toString());
    }
    node.put("max_attempts", spec.maxAttempts());
    node.putObject("backoff")
        .put("base", spec.backoff().base().toMillis())
        .put("max", spec.backoff().max().toMillis());
    node.put("timeout", spec.timeout().toMillis());
    if (spec.dedupKey() != null) {
      node.put("dedup_key", spec.dedupKey());
    }
    node.put("dedup_window", spec.dedupWindow().toMillis());
    if (spec.rateKey() != null) {
      node.put("rate_key", spec.rateKey());
    }
    spec.tags().forEach(node.putArray("tags")::add);
    if (spec.runId() != null) {
      node.put("run_id", spec.runId().toString());
    }
    if (!spec.dependsOn().isEmpty()) {
      ArrayNode dependsOn = node.putArray("depends_on");
      spec.dependsOn().forEach(id -> dependsOn.add(id.toString()));
    }
    return node;
  }

  /**
   * Rebuilds a spec {@link #write} wrote; the spec's constructor checks it again.
   *
   * @throws IllegalArgumentException if a field is missing or malformed
   */
  public static JobSpec read(JsonNode node) {
    JsonNode backoff = required(node, "backoff");
    List<String> tags = new ArrayList<>();
    node.path("tags").forEach(tag -> tags.add(tag.asText()));
    List<UUID> dependsOn = new ArrayList<>();
    node.path("depends_on").forEach(id -> dependsOn.add(UUID.fromString(id.asText())));
    return new JobSpec(
        UUID.fromString(required(node, "id").asText()),
        required(node, "queue").asText(),
        required(node, "kind").asText(),
        required(node, "payload").asText(),
        required(node, "priority").asInt(),
        node.hasNonNull("run_at") ? Instant.parse(node.get("run_at").asText()) : null,
        required(node, "max_attempts").asInt(),
        new Backoff(millis(backoff, "base"), millis(backoff, "max")),
        millis(node, "timeout"),
        textOrNull(node, "dedup_key"),
        millis(node, "dedup_window"),
        textOrNull(node, "rate_key"),
        tags,
        node.hasNonNull("run_id") ? UUID.fromString(node.get("run_id").asText()) : null,
        dependsOn);
  }

  private static Duration millis(JsonNode node, String field) {
    return Duration.ofMillis(required(node, field).asLong());
  }

  private static String textOrNull(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("a spooled job has no " + field);
    }
    return value;
  }
}
