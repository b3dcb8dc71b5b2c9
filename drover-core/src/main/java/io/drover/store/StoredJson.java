package io.drover.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.JobError;
import io.drover.StoreFailureException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How stores keep a job's lists as JSON text: strings (tags, worker queues), ids (depends_on) and
 * the error history, one object per failed attempt ({@code attempt}, {@code message}, {@code
 * stack}, {@code at} in epoch milliseconds). One format for every store, so data moved between them
 * reads the same. Empty lists, the common case, never touch the parser.
 */
public final class StoredJson {
  public static final String EMPTY = "[]";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StoredJson() {}

  public static String strings(List<String> values) {
    if (values.isEmpty()) {
      return EMPTY;
    }
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return write(array);
  }

  public static List<String> strings(String json) {
    if (EMPTY.equals(json)) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (JsonNode node : parseArray(json)) {
      values.add(node.asText());
    }
    return values;
  }

  public static String ids(List<UUID> ids) {
    return strings(ids.stream().map(UUID::toString).toList());
  }

  public static List<UUID> ids(String json) {
    return strings(json).stream().map(UUID::fromString).toList();
  }

  /** One error as a JSON object, for stores that append it to the stored array themselves. */
  public static String error(JobError error) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("attempt", error.attempt());
    node.put("message", error.message());
    node.put("stack", error.stack());
    node.put("at", error.at() == null ? null : error.at().toEpochMilli());
    return write(node);
  }

  public static List<JobError> errors(String json) {
    if (EMPTY.equals(json)) {
      return List.of();
    }
    List<JobError> errors = new ArrayList<>();
    for (JsonNode node : parseArray(json)) {
      JsonNode at = node.path("at");
      errors.add(
          new JobError(
              node.path("attempt").asInt(),
              textOrNull(node, "message"),
              textOrNull(node, "stack"),
              at.isNumber() ? Instant.ofEpochMilli(at.asLong()) : null));
    }
    return errors;
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.asText() : null;
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * A stored list that does not parse means the store's data is damaged: not the caller's fault.
   */
  private static JsonNode parseArray(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || !node.isArray()) {
        throw new StoreFailureException("a stored JSON list holds no array: " + json, null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new StoreFailureException(
          "a stored JSON list is corrupt: " + e.getOriginalMessage(), e);
    }
  }
}
