package io.drover.server.kinds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns a response body into a job result: JSON as it is, anything else as a JSON string. Only the
 * first {@link #MAX_BYTES} are read, so a huge answer cannot fill the store; a body that does not
 * fit is kept as a string of its beginning.
 */
final class ResponseResult {
  static final int MAX_BYTES = 64 * 1024;

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private ResponseResult() {}

  /** Reads at most {@link #MAX_BYTES} of the body, and closes it. */
  static byte[] read(InputStream body) throws IOException {
    try (body) {
      return body.readNBytes(MAX_BYTES + 1);
    }
  }

  /** The result to store for a body read by {@link #read}, or null for an empty body. */
  static String of(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    if (body.length > MAX_BYTES) {
      return TextNode.valueOf(new String(body, 0, MAX_BYTES, StandardCharsets.UTF_8)).toString();
    }
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && !json.isMissingNode()) {
        return json.toString();
      }
    } catch (JsonProcessingException notJson) {
      // stored as text below
    } catch (IOException e) {
      throw new IllegalStateException("reading bytes in memory failed", e);
    }
    return TextNode.valueOf(new String(body, StandardCharsets.UTF_8)).toString();
  }

  /** The start of a body for an error message. */
  static String excerpt(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "" : ": " + text.replaceAll("\\s+", " ");
  }
}
