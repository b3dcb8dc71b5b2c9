package io.drover.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.JobError;
import io.drover.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The hash fields kept as JSON text: lists of strings (tags, a worker's queues) and error
 * histories. An error history is a JSON array that {@code fail.lua} appends to without parsing.
 */
final class JsonText {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonText() {}

  static String strings(List<String> values) {
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return write(array);
  }

  static List<String> strings(String json) {
    List<String> values = new ArrayList<>();
    for (JsonNode node : parseArray(json)) {
      values.add(node.asText());
    }
    return values;
  }

  /** One error as a JSON object, times in epoch milliseconds. */
  static String error(JobError error) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("attempt", error.attempt());
    node.put("message", error.message());
    node.put("stack", error.stack());
    node.put("at", error.at() == null ? null : error.at().toEpochMilli());
    return write(node);
  }

  static List<JobError> errors(String json) {
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

  private static JsonNode parseArray(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || !node.isArray()) {
        throw new StoreUnavailableException(
            "redis store: a JSON field holds no array: " + json, null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new StoreUnavailableException(
          "redis store: a JSON field is corrupt: " + e.getOriginalMessage(), e);
    }
  }
}
