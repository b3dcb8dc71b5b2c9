package io.drover.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for the API under test, on 127.0.0.1, with or without a bearer token. */
public final class ApiClient {
  public static final ObjectMapper JSON = new ObjectMapper();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String token;

  public ApiClient(int port) {
    this("http://127.0.0.1:" + port, null);
  }

  private ApiClient(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** The same server, calling with {@code Authorization: Bearer token}. */
  public ApiClient withToken(String token) {
    return new ApiClient(base, token);
  }

  public String baseUrl() {
    return base;
  }

  /** What came back: the body parsed when it is JSON, else {@link MissingNode}. */
  public record Response(int status, String contentType, JsonNode body, HttpResponse<String> raw) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public Response get(String path) {
    return send("GET", path, null, null);
  }

  /** Jobs in {@code state} over every queue, from {@code GET /api/v1/queues}. */
  public long count(String state) {
    long count = 0;
    for (JsonNode queue : get("/api/v1/queues").body().get("queues")) {
      count += queue.get("counts").get(state).asLong();
    }
    return count;
  }

  public Response postJson(String path, String body) {
    return send("POST", path, "application/json", body);
  }

  public Response send(String method, String path, String contentType, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return request(method, path, headers, body);
  }

  /** Sends with the given headers (and the token, if any). */
  public Response request(String method, String path, Map<String, String> headers, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode json =
          type.contains("json") ? JSON.readTree(response.body()) : MissingNode.getInstance();
      return new Response(response.statusCode(), type, json, response);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
