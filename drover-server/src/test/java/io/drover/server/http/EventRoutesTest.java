package io.drover.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.server.ApiClient;
import io.drover.server.ApiClient.Response;
import io.drover.server.EventStreamClient;
import io.drover.server.EventStreamClient.Event;
import io.drover.server.TestServer;
import io.drover.server.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /api/v1/events}: what each stream hears, filtered, and what it refuses. */
class EventRoutesTest {
  private static final Duration BOUND = Duration.ofSeconds(10);

  @TempDir Path dir;
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void streams_hearEachStepOfTheJobsTheirFiltersMatch() {
    server = TestServer.start();
    String events = server.api().baseUrl() + "/api/v1/events";
    try (EventStreamClient all = subscribed(events, null);
        EventStreamClient onlyB = subscribed(events + "?queue=ev.b*", null)) {
      String a = enqueue(server.api(), "ev.a", "noop");
      String b = enqueue(server.api(), "ev.b", "noop");
      try (EventStreamClient onlyA = subscribed(events + "?job_id=" + a, null)) {
        String failing = enqueue(server.api(), "ev.a", "no.such.kind");

        await()
            .atMost(BOUND)
            .untilAsserted(
                () -> {
                  assertLifeOf(all, a);
                  assertLifeOf(all, b);
                  assertThat(steps(all, failing)).endsWith("failed");
                });
        assertThat(onlyB.events()).extracting(this::jobId).containsOnly(b);
        assertThat(onlyA.events()).isEmpty(); // subscribed after a had finished
        Event failed =
            all.events().stream()
                .filter(event -> jobId(event).equals(failing) && event.name().equals("failed"))
                .findFirst()
                .orElseThrow();
        assertThat(failed.data().get("error").asText()).contains("no.such.kind");
        assertThat(failed.data().get("queue").asText()).isEqualTo("ev.a");
        assertThat(failed.data().get("type").asText()).isEqualTo("failed");
      }
    }
  }

  @Test
  void aTokenHearsOnlyItsOwnQueues() {
    TestTokens tokens = TestTokens.write(dir);
    server = TestServer.start(tokens.setting());
    ApiClient admin = server.api().withToken(tokens.secret("admin"));
    try (EventStreamClient producer =
        subscribed(server.api().baseUrl() + "/api/v1/events", tokens.secret("producer"))) {
      String other = enqueue(admin, "other", "noop");
      String email = enqueue(admin, "email", "noop");

      await().atMost(BOUND).untilAsserted(() -> assertLifeOf(producer, email));
      assertThat(admin.get("/api/v1/jobs/" + other).body().get("state").asText())
          .isEqualTo("completed");
      assertThat(producer.events()).extracting(this::jobId).containsOnly(email);
    }
  }

  @Test
  void withTokens_aStreamWithoutOne_isRefused401() {
    server = TestServer.start(TestTokens.write(dir).setting());

    Response response = server.api().get("/api/v1/events");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/problem+json");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "job_id=not-a-uuid, job_id",
    "queue=bad%20name, queue",
    "queue=, queue",
    "since=5, since"
  })
  void aBadFilter_isRefused400NamingIt(String query, String field) {
    server = TestServer.start();

    Response response = server.api().get("/api/v1/events?" + query);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("field").asText()).isEqualTo(field);
  }

  /** curl sends {@code Accept: *}{@code /*}; other plain clients send nothing. */
  @ParameterizedTest(name = "Accept: {0}")
  @NullSource
  @ValueSource(strings = {"*/*", "text/*", "application/json;q=0.9, text/event-stream"})
  void aPlainClient_getsTheStream(String accept) {
    server = TestServer.start();
    try (EventStreamClient client =
        EventStreamClient.open(server.api().baseUrl() + "/api/v1/events?queue=ev", null, accept)) {
      assertThat(client.status()).isEqualTo(200);
      assertThat(client.contentType()).startsWith("text/event-stream");
      await().atMost(BOUND).until(() -> client.comments().contains("subscribed"));
      String job = enqueue(server.api(), "ev", "noop");

      await().atMost(BOUND).untilAsserted(() -> assertLifeOf(client, job));
    }
  }

  @ParameterizedTest(name = "Accept: {0}")
  @ValueSource(strings = {"application/json", "text/event-stream;q=0, */*;q=0"})
  void aClientThatTakesNoEventStream_isRefused406NamingTheHeader(String accept) {
    server = TestServer.start();

    Response response =
        server.api().request("GET", "/api/v1/events", Map.of("Accept", accept), null);

    assertThat(response.status()).isEqualTo(406);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("field").asText()).isEqualTo("Accept");
    assertThat(response.body().get("detail").asText())
        .isEqualTo("this route sends only text/event-stream (was '" + accept + "')");
  }

  private static EventStreamClient subscribed(String url, String token) {
    EventStreamClient client = EventStreamClient.open(url, token);
    assertThat(client.status()).isEqualTo(200);
    await().atMost(BOUND).until(() -> client.comments().contains("subscribed"));
    return client;
  }

  private static String enqueue(ApiClient api, String queue, String kind) {
    Response response =
        api.postJson("/api/v1/jobs", "{\"queue\":\"" + queue + "\",\"kind\":\"" + kind + "\"}");
    assertThat(response.status()).isEqualTo(201);
    return response.body().get("id").asText();
  }

  /**
   * The three steps of a job run at once, the worker's two in order: the enqueue is announced by
   * the request's thread and the start and completion by the worker's, so a job that runs at once
   * may be started, and even completed, before its enqueue is heard (the documented guarantee).
   */
  private void assertLifeOf(EventStreamClient client, String jobId) {
    List<String> steps = steps(client, jobId);
    assertThat(steps).containsExactlyInAnyOrder("enqueued", "started", "completed");
    assertThat(steps.indexOf("started")).isLessThan(steps.indexOf("completed"));
  }

  private List<String> steps(EventStreamClient client, String jobId) {
    return client.events().stream()
        .filter(event -> jobId(event).equals(jobId))
        .map(Event::name)
        .toList();
  }

  private String jobId(Event event) {
    return event.data().get("job_id").asText();
  }
}
