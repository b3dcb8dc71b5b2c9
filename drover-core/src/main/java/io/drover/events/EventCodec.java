package io.drover.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.Progress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Job events as the text that travels between processes: a JSON array per message, several events
 * to a message so a batch of acknowledgements costs one send, and no message longer than the
 * channel allows (PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more).
 */
public final class EventCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EventCodec() {}

  /** The events as messages of at most {@code maxBytes} UTF-8 bytes each, in order. */
  public static List<String> encode(List<JobEvent> events, int maxBytes) {
    List<String> messages = new ArrayList<>();
    StringBuilder message = new StringBuilder("[");
    int bytes = 1;
    for (JobEvent event : events) {
      String one = write(event);
      int oneBytes = one.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > 1 && bytes + 1 + oneBytes + 1 > maxBytes) {
        messages.add(message.append(']').toString());
        message.setLength(1);
        bytes = 1;
      }
      if (bytes > 1) {
        message.append(',');
        bytes++;
      }
      message.append(one);
      bytes += oneBytes;
    }
    if (bytes > 1) {
      messages.add(message.append(']').toString());
    }
    return messages;
  }

  /**
   * The events of one message.
   *
   * @throws IllegalArgumentException if the text is not a message of this codec
   */
  public static List<JobEvent> decode(String message) {
    try {
      List<JobEvent> events = new ArrayList<>();
      for (JsonNode node : MAPPER.readTree(message)) {
        events.add(read(node));
      }
      return events;
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("not an event message: " + e.getMessage(), e);
    }
  }

  private static String write(JobEvent event) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("t", event.type().wireName());
    node.put("id", event.jobId().toString());
    node.put("q", event.queue());
    node.put("k", event.kind());
    node.put("n", event.attempt());
    node.put("at", event.at().toEpochMilli());
    if (event.progress() != null) {
      node.put("pp", event.progress().percent());
      node.put("pm", event.progress().message());
    }
    if (event.error() != null) {
      node.put("e", event.error());
    }
    if (event.retryAt() != null) {
      node.put("r", event.retryAt().toEpochMilli());
    }
    return node.toString();
  }

  private static JobEvent read(JsonNode node) {
    Progress progress =
        node.has("pp") ? new Progress(node.get("pp").asInt(), node.path("pm").textValue()) : null;
    return new JobEvent(
        JobEvent.Type.ofWireName(node.get("t").asText()),
        UUID.fromString(node.get("id").asText()),
        node.get("q").asText(),
        node.get("k").asText(),
        node.get("n").asInt(),
        Instant.ofEpochMilli(node.get("at").asLong()),
        progress,
        node.path("e").textValue(),
        node.has("r") ? Instant.ofEpochMilli(node.get("r").asLong()) : null);
  }
}
