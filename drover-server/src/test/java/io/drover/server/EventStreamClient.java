package io.drover.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A test's Server-Sent Events client: reads a stream on a thread of its own and keeps every event
 * (name and JSON data) and comment it saw, for assertions with a bound.
 */
public final class EventStreamClient implements AutoCloseable {
  /** One event of the stream. */
  public record Event(String name, JsonNode data) {}

  private final Queue<Event> events = new ConcurrentLinkedQueue<>();
  private final Queue<String> comments = new ConcurrentLinkedQueue<>();
  private final HttpResponse<Stream<String>> response;
  private final CompletableFuture<Void> reading;

  private EventStreamClient(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reading = CompletableFuture.runAsync(this::read);
  }

  /** Opens {@code url} (with a token when not null) and returns once the headers have come. */
  public static EventStreamClient open(String url, String token) {
    return open(url, token, "text/event-stream");
  }

  /**
   * As {@link #open(String, String)}, sending {@code accept} as the Accept header, none if null.
   */
  public static EventStreamClient open(String url, String token, String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      return new EventStreamClient(
          http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
              .get(10, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new IllegalStateException("cannot open " + url, e);
    }
  }

  public int status() {
    return response.statusCode();
  }

  public String contentType() {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  public List<String> comments() {
    return List.copyOf(comments);
  }

  private void read() {
    String name = "message";
    for (String line : (Iterable<String>) response.body()::iterator) {
      if (line.startsWith(":")) {
        comments.add(line.substring(1).trim());
      } else if (line.startsWith("event:")) {
        name = line.substring("event:".length()).trim();
      } else if (line.startsWith("data:")) {
        try {
          events.add(new Event(name, ApiClient.JSON.readTree(line.substring("data:".length()))));
        } catch (IOException e) {
          throw new UncheckedIOException("event data is not JSON: " + line, e);
        }
      } else if (line.isEmpty()) {
        name = "message";
      }
    }
  }

  @Override
  public void close() {
    response.body().close();
    reading.cancel(true);
  }
}
