package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two-process deployment of DESIGN §7 on PostgreSQL: {@code drover server --no-workers} takes
 * jobs over HTTP, a separate {@code drover worker} runs them, and an events client of the server
 * hears every step of jobs it never ran, carried by the store's NOTIFY.
 */
class EventsAcrossProcessesIT {
  private static final int JOBS = 10;
  private final String schema = TestPostgres.newSchema();

  @BeforeEach
  void requirePostgres() {
    TestPostgres.require();
  }

  @AfterEach
  void dropSchema() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  @Test
  void anApiProcessStreamsTheEventsOfJobsRunByAWorkerProcess() throws Exception {
    List<String> store =
        List.of("--store", "postgres", "--database-url", TestPostgres.URL, "--schema", schema);
    Map<String, String> env = Map.of("WORKER_POLL_INTERVAL", "1000");
    try (ServerProcess server =
            ServerProcess.start(store, SqliteFiles.logFile("events-api"), env, "--no-workers");
        ServerProcess worker =
            ServerProcess.worker(
                store, SqliteFiles.logFile("events-worker"), env, "--queues", "it.events");
        EventStreamClient events =
            EventStreamClient.open(server.api().baseUrl() + "/api/v1/events?queue=it.*", null)) {
      assertThat(events.status()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> events.comments().contains("subscribed"));

      Set<String> ids = enqueue(server.api());

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () ->
                  assertThat(typesById(events))
                      .containsOnlyKeys(ids)
                      .allSatisfy(
                          (id, types) ->
                              assertThat(types)
                                  .containsExactly("enqueued", "started", "completed")));
      assertThat(events.events())
          .allSatisfy(
              event -> {
                assertThat(event.data().get("queue").asText()).isEqualTo("it.events");
                assertThat(event.data().get("kind").asText()).isEqualTo("noop");
              });
      for (String id : ids) {
        assertThat(server.api().get("/api/v1/jobs/" + id).body().get("state").asText())
            .isEqualTo("completed");
      }
    }
  }

  private static Map<String, List<String>> typesById(EventStreamClient events) {
    return events.events().stream()
        .collect(
            Collectors.groupingBy(
                event -> event.data().get("job_id").asText(),
                Collectors.mapping(EventStreamClient.Event::name, Collectors.toList())));
  }

  private static Set<String> enqueue(ApiClient api) {
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      jobs.add("{\"queue\":\"it.events\",\"kind\":\"noop\"}");
    }
    ApiClient.Response response = api.postJson("/api/v1/jobs", "[" + String.join(",", jobs) + "]");
    assertThat(response.status()).isEqualTo(201);
    Set<String> ids = new HashSet<>();
    response.body().get("jobs").forEach(job -> ids.add(job.get("id").asText()));
    return ids;
  }
}
