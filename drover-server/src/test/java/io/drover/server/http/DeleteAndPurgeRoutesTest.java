package io.drover.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.server.ApiClient;
import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import io.drover.store.ClaimRequest;
import io.drover.store.QueuePattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code DELETE /api/v1/jobs/{id}} and {@code POST /api/v1/queues/{name}/purge}. */
class DeleteAndPurgeRoutesTest {
  private TestServer server;
  private ApiClient api;

  @BeforeEach
  void start() {
    // No workers: jobs stay where the test puts them.
    server = TestServer.start(Map.of(), options -> options.withWorkers(false));
    api = server.api();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void delete_removesAWaitingJob_andAnswers404Afterwards() {
    String id = enqueue("mail");

    Response deleted = api.send("DELETE", "/api/v1/jobs/" + id, null, null);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(api.get("/api/v1/jobs/" + id).status()).isEqualTo(404);
    assertThat(api.send("DELETE", "/api/v1/jobs/" + id, null, null).status()).isEqualTo(404);
  }

  @Test
  void delete_refusesAnActiveJob409_andLeavesItActive() {
    String id = enqueue("mail");
    server
        .store()
        .claim(new ClaimRequest("w-1", List.of(QueuePattern.of("mail")), 1, Duration.ofMinutes(1)));

    Response refused = api.send("DELETE", "/api/v1/jobs/" + id, null, null);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().get("detail").asText()).contains("cancel it first");
    assertThat(server.store().get(UUID.fromString(id)).orElseThrow().state())
        .isEqualTo(JobState.ACTIVE);
  }

  @Test
  void purge_deletesOneStateOfOneQueue_andSaysHowMany() {
    for (int i = 0; i < 3; i++) {
      api.postJson("/api/v1/jobs/" + enqueue("mail") + "/cancel", null);
    }
    String waiting = enqueue("mail");
    String otherQueue = enqueue("billing");
    api.postJson("/api/v1/jobs/" + otherQueue + "/cancel", null);

    Response purged = api.postJson("/api/v1/queues/mail/purge", "{\"state\":\"cancelled\"}");

    assertThat(purged.status()).isEqualTo(200);
    assertThat(purged.body().toString())
        .isEqualTo("{\"queue\":\"mail\",\"state\":\"cancelled\",\"deleted\":3}");
    assertThat(api.get("/api/v1/jobs/" + waiting).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/jobs/" + otherQueue).body().get("state").asText())
        .isEqualTo("cancelled");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}| state",
        "{\"state\":\"active\"}| state",
        "{\"state\":\"blocked\"}| state",
        "{\"state\":\"gone\"}| state",
        "{\"state\":7}| state",
        "{\"state\":\"failed\",\"all\":true}| all",
        "[]| ''"
      })
  void purge_withABadBody_isRefused400NamingTheField_andDeletesNothing(String body, String field) {
    String id = enqueue("mail");

    Response refused = api.postJson("/api/v1/queues/mail/purge", body);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body().path("field").asText()).isEqualTo(field);
    assertThat(api.get("/api/v1/jobs/" + id).status()).isEqualTo(200);
  }

  @Test
  void purge_ofABadQueueName_isRefused400() {
    Response refused = api.postJson("/api/v1/queues/bad%20name/purge", "{\"state\":\"failed\"}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("field").asText()).isEqualTo("queue");
  }

  private String enqueue(String queue) {
    return server
        .store()
        .enqueue(List.of(JobSpec.builder(queue, "noop").build()))
        .get(0)
        .id()
        .toString();
  }
}
