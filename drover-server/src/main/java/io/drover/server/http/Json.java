package io.drover.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;

/** The API's one JSON mapper and how request bodies are read with it. */
final class Json {
  /**
   * Strict on input: a duplicated key or text after the value is an error, not a silent choice.
   * Decimals stay exact so a payload's numbers are stored as sent.
   */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Parses a request body.
   *
   * @throws ProblemException 400 saying where the JSON breaks
   */
  static JsonNode parse(byte[] body) {
    try {
      JsonNode root = MAPPER.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw ProblemException.badRequest(null, "the body is empty; send a job as a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw ProblemException.badRequest(
          null, "the body is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ProblemException.badRequest(null, "the body could not be read: " + e.getMessage());
    }
  }

  /** Answers with {@code body} as {@code application/json}. */
  static void send(Context ctx, HttpStatus status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(write(body));
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree we built could not be written", e);
    }
  }
}
