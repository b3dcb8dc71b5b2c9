package io.drover.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The CLI's line to a server's API: JSON in and out, the token as a bearer header, and every
 * failure turned into one {@link ClientException} line.
 */
final class DroverClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String token;
  private final AutoCloseable onClose;

  /**
   * @param onClose what closing the client ends too, e.g. the in-process API of a store
   */
  DroverClient(String base, String token, AutoCloseable onClose) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.token = token;
    this.onClose = onClose;
  }

  @Override
  public void close() {
    try {
      onClose.close();
    } catch (Exception e) {
      throw new ClientException("closing the connection failed: " + e.getMessage());
    }
  }

  JsonNode get(String path) {
    return send("GET", path, null, Map.of());
  }

  /** GET with a query string made of the non-null entries of {@code query}. */
  JsonNode get(String path, Map<String, String> query) {
    String encoded =
        query.entrySet().stream()
            .filter(entry -> entry.getValue() != null)
            .map(
                entry ->
                    entry.getKey()
                        + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return get(encoded.isEmpty() ? path : path + "?" + encoded);
  }

  JsonNode post(String path, String jsonBody, Map<String, String> headers) {
    return send("POST", path, jsonBody, headers);
  }

  JsonNode put(String path, String jsonBody) {
    return send("PUT", path, jsonBody, Map.of());
  }

  /** DELETE; answers the body, or a missing node for 204. */
  JsonNode delete(String path) {
    return send("DELETE", path, null, Map.of());
  }

  /**
   * The JSON a command's option holds, e.g. {@code --payload}.
   *
   * @throws ClientException naming the option when it is not JSON
   */
  static JsonNode jsonOption(String option, String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ClientException(option + " is not JSON: " + e.getOriginalMessage());
    }
  }

  /** A path segment, escaped, e.g. a queue name. */
  static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode send(String method, String path, String body, Map<String, String> headers) {
    URI uri;
    try {
      uri = URI.create(base + path);
    } catch (IllegalArgumentException e) {
      throw new ClientException("the server URL " + base + " is not a URL: " + e.getMessage());
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new ClientException(
          "cannot reach "
              + base
              + " (connection refused); is the server running? Set --server"
              + " or DROVER_SERVER");
    } catch (HttpTimeoutException e) {
      throw new ClientException(base + " did not answer " + method + " " + path + " in time");
    } catch (IOException e) {
      throw new ClientException("cannot reach " + base + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException("interrupted");
    }
    return answer(method, path, response);
  }

  private static JsonNode answer(String method, String path, HttpResponse<String> response) {
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      json = null;
    }
    int status = response.statusCode();
    if (status == 204) {
      return MissingNode.getInstance();
    }
    if (status >= 200 && status < 300 && json != null) {
      return json;
    }
    if (json != null && json.hasNonNull("detail")) {
      String field = json.hasNonNull("field") ? json.get("field").asText() : null;
      throw new ClientException(
          status
              + " "
              + json.path("title").asText()
              + ": "
              + json.get("detail").asText()
              + (field == null ? "" : " (field " + field + ")"),
          field);
    }
    throw new ClientException(
        method
            + " "
            + path
            + " answered "
            + status
            + " without a JSON body; is --server a Drover server?");
  }
}
