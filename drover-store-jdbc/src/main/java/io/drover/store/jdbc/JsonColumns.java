package io.drover.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.JobError;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The JSON text columns: lists of strings (tags, worker queues, queue patterns), lists of ids
 * (depends_on) and error histories. Empty lists, the common case, never touch the parser.
 */
final class JsonColumns {
  static final String EMPTY = "[]";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonColumns() {}

  static String strings(List<String> values) throws SQLException {
    if (values.isEmpty()) {
      return EMPTY;
    }
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return write(array);
  }

  static List<String> strings(String json) throws SQLException {
    if (EMPTY.equals(json)) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (JsonNode node : parse(json)) {
      values.add(node.asText());
    }
    return values;
  }

  static String ids(List<UUID> ids) throws SQLException {
    return strings(ids.stream().map(UUID::toString).toList());
  }

  static List<UUID> ids(String json) throws SQLException {
    return strings(json).stream().map(UUID::fromString).toList();
  }

  /** One error as a JSON object; the fail statement appends it to the job's array. */
  static String error(JobError error) throws SQLException {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("attempt", error.attempt());
    node.put("message", error.message());
    node.put("stack", error.stack());
    node.put("at", error.at() == null ? null : error.at().toEpochMilli());
    return write(node);
  }

  static List<JobError> errors(String json) throws SQLException {
    if (EMPTY.equals(json)) {
      return List.of();
    }
    List<JobError> errors = new ArrayList<>();
    for (JsonNode node : parse(json)) {
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

  private static String write(JsonNode node) throws SQLException {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new SQLException("cannot write JSON column: " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode parse(String json) throws SQLException {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (!node.isArray()) {
        throw new SQLException("JSON column holds no array: " + json);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new SQLException("JSON column is corrupt: " + e.getOriginalMessage(), e);
    }
  }
}
