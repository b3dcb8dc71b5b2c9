package io.drover.server.http;

import static io.drover.server.http.AuthTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.JobState;
import io.drover.server.ApiClient;
import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import io.drover.server.auth.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who may take jobs over HTTP (DESIGN §8): workers and admins, within their queues. The tokens are
 * the roles of {@code TestTokens} plus {@code mailer}, a worker of {@code email} only.
 */
class LeaseAuthTest {
  @TempDir Path dir;

  private final Map<String, String> secrets = new HashMap<>();
  private TestServer server;

  @BeforeEach
  void start() throws IOException {
    Path tokens = dir.resolve("tokens.json");
    StringJoiner entries = new StringJoiner(",", "[", "]");
    for (String[] token :
        new String[][] {
          {"admin", "admin", "*"},
          {"producer", "producer", "*"},
          {"worker", "worker", "*"},
          {"viewer", "viewer", "*"},
          {"mailer", "worker", "email"}
        }) {
      String secret = Secrets.newSecret();
      secrets.put(token[0], secret);
      entries.add(
          "{\"name\":\"%s\",\"role\":\"%s\",\"queues\":[\"%s\"],\"sha256\":\"%s\"}"
              .formatted(token[0], token[1], token[2], Secrets.sha256Hex(secret)));
    }
    Files.writeString(tokens, entries.toString());
    server =
        TestServer.start(
            Map.of("DROVER_TOKENS_FILE", tokens.toString()), options -> options.withWorkers(false));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0} claims {1} -> {2}")
  @CsvSource({
    "viewer, email, 403",
    "producer, email, 403",
    "mailer, scrape.*, 403",
    "mailer, *, 403",
    "mailer, email, 200",
    "worker, scrape.*, 200",
    "admin, *, 200"
  })
  void aClaim_needsTheWorkerOrAdminRole_andQueuesWithinTheToken(
      String token, String queue, int status) {
    enqueue("email");

    Response response =
        as(token)
            .postJson("/api/v1/claims", "{\"worker_id\":\"w\",\"queues\":[\"" + queue + "\"]}");

    assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
    if (status == 403) {
      assertProblem(response, 403);
      assertThat(response.body().get("detail").asText()).contains("token '" + token + "'");
      assertThat(server.store().workers()).isEmpty();
      assertThat(as("admin").count("waiting")).isEqualTo(1);
    }
  }

  @Test
  void aClaimWithoutAToken_is401() {
    Response response =
        server.api().postJson("/api/v1/claims", "{\"worker_id\":\"w\",\"queues\":[\"email\"]}");

    assertProblem(response, 401);
  }

  @Test
  void reportsOnAJob_needTheWorkerRole_andTheJobsQueue() {
    String id = enqueue("billing");
    long token =
        as("worker")
            .postJson("/api/v1/claims", "{\"worker_id\":\"w\",\"queues\":[\"billing\"]}")
            .body()
            .get("jobs")
            .get(0)
            .get("lease_token")
            .asLong();
    String body = "{\"lease_token\":" + token + "}";

    Response viewer = as("viewer").postJson("/api/v1/jobs/" + id + "/complete", body);
    Response producer = as("producer").postJson("/api/v1/jobs/" + id + "/heartbeat", body);
    Response mailer = as("mailer").postJson("/api/v1/jobs/" + id + "/complete", body);

    assertProblem(viewer, 403);
    assertProblem(producer, 403);
    assertProblem(mailer, 403);
    assertThat(mailer.body().get("field").asText()).isEqualTo("id");
    assertThat(server.store().get(UUID.fromString(id)).orElseThrow().state())
        .isEqualTo(JobState.ACTIVE);
    assertThat(as("worker").postJson("/api/v1/jobs/" + id + "/complete", body).status())
        .isEqualTo(200);
  }

  private ApiClient as(String token) {
    return server.api().withToken(secrets.get(token));
  }

  private String enqueue(String queue) {
    Response response =
        as("admin").postJson("/api/v1/jobs", "{\"queue\":\"" + queue + "\",\"kind\":\"send\"}");
    assertThat(response.status()).isEqualTo(201);
    return response.body().get("id").asText();
  }
}
