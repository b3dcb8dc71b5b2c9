package io.drover.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.server.ApiClient;
import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import io.drover.server.TestTokens;
import io.drover.store.JobQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The auth matrix (DESIGN §8): no token, an unknown one, the wrong role, the wrong queue, right.
 */
class AuthTest {
  @TempDir Path dir;

  private TestServer server;
  private TestTokens tokens;

  @BeforeEach
  void start() {
    tokens = TestTokens.write(dir);
    // No workers: jobs stay waiting, so cancel and retry have something to act on.
    server = TestServer.start(tokens.setting(), options -> options.withWorkers(false));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void health_needsNoToken() {
    assertThat(server.api().get("/health").status()).isEqualTo(200);
  }

  @Test
  void readiness_needsNoToken_andAnswersItsVerdictAlone() {
    Response ready = server.api().get("/health/ready");

    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo(ApiClient.JSON.createObjectNode().put("status", "ok"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, /api/v1/jobs",
    "POST, /api/v1/jobs",
    "GET, /api/v1/queues",
    "GET, /api/v1/stats",
    "GET, /api/v1/workers",
    "GET, /api/v1/events",
    "POST, /api/v1/queues/email/purge",
    "DELETE, /api/v1/jobs/019a0000-0000-7000-8000-000000000000",
    "GET, /api/v1/openapi.json",
    "GET, /health/comprehensive",
    "GET, /metrics"
  })
  void everyOtherRoute_isRefused401WithoutAToken_andWithAnUnknownOne(String method, String path) {
    Response none = server.api().send(method, path, "application/json", "{\"kind\":\"noop\"}");
    Response unknown =
        server
            .api()
            .withToken("drover_not-a-token")
            .send(method, path, "application/json", "{\"kind\":\"noop\"}");

    assertProblem(none, 401);
    assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
    assertProblem(unknown, 401);
    assertThat(unknown.header("WWW-Authenticate")).contains("invalid_token");
    assertThat(server.store().list(JobQuery.all()).jobs()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource({
    "viewer, POST, /api/v1/jobs, 403",
    "worker, POST, /api/v1/jobs, 403",
    "producer, POST, /api/v1/jobs, 201",
    "admin, POST, /api/v1/jobs, 201",
    "producer, GET, /metrics, 403",
    "producer, GET, /api/v1/workers, 403",
    "producer, GET, /health/comprehensive, 403",
    "viewer, GET, /metrics, 200",
    "worker, GET, /api/v1/workers, 200",
    "viewer, GET, /api/v1/queues, 200",
    "producer, POST, /api/v1/queues/email/pause, 403",
    "viewer, POST, /api/v1/queues/email/pause, 403",
    "admin, POST, /api/v1/queues/email/pause, 200",
    "producer, POST, /api/v1/queues/email/purge, 403",
    "viewer, POST, /api/v1/queues/email/purge, 403",
    "admin, DELETE, /api/v1/jobs/019a0000-0000-7000-8000-000000000000, 404"
  })
  void eachRole_getsWhatItsPermissionsAllow(String token, String method, String path, int status) {
    Response response =
        as(token).send(method, path, "application/json", "{\"queue\":\"email\",\"kind\":\"noop\"}");

    assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
    if (status == 403) {
      assertProblem(response, 403);
      assertThat(response.body().get("detail").asText()).contains("token '" + token + "'");
    }
  }

  @Test
  void aProducer_enqueuesIntoItsQueuesOnly_andABatchWithOneOtherQueueStoresNothing() {
    assertThat(as("producer").postJson("/api/v1/jobs", job("scrape.eu")).status()).isEqualTo(201);

    Response outside = as("producer").postJson("/api/v1/jobs", job("billing"));
    Response mixed =
        as("producer").postJson("/api/v1/jobs", "[" + job("email") + "," + job("billing") + "]");

    assertProblem(outside, 403);
    assertThat(outside.body().get("field").asText()).isEqualTo("queue");
    assertProblem(mixed, 403);
    assertThat(mixed.body().get("field").asText()).isEqualTo("[1].queue");
    assertThat(server.store().list(JobQuery.all()).jobs())
        .extracting(io.drover.Job::queue)
        .containsExactly("scrape.eu");
  }

  @Test
  void aProducer_readsJobsOfItsQueuesOnly() {
    String mine = id(as("admin").postJson("/api/v1/jobs", job("email")));
    String theirs = id(as("admin").postJson("/api/v1/jobs", job("billing")));

    assertThat(as("producer").get("/api/v1/jobs/" + mine).status()).isEqualTo(200);
    assertProblem(as("producer").get("/api/v1/jobs/" + theirs), 403);
    assertProblem(as("producer").get("/api/v1/jobs"), 403);
    assertProblem(as("producer").get("/api/v1/jobs?queue=billing"), 403);
    JsonNode listed = as("producer").get("/api/v1/jobs?queue=email").body().get("jobs");
    assertThat(listed).extracting(job -> job.get("id").asText()).containsExactly(mine);
    assertThat(queueNames(as("producer").get("/api/v1/queues").body())).containsExactly("email");
    assertThat(as("producer").get("/api/v1/stats").body().get("total").asLong()).isEqualTo(1);
    assertThat(queueNames(as("viewer").get("/api/v1/queues").body()))
        .containsExactly("billing", "email");
  }

  @Test
  void cancelAndRetry_areForAdmins() {
    String id = id(as("admin").postJson("/api/v1/jobs", job("email")));

    assertProblem(as("producer").postJson("/api/v1/jobs/" + id + "/cancel", null), 403);
    assertProblem(as("viewer").postJson("/api/v1/jobs/" + id + "/retry", null), 403);
    Response cancelled = as("admin").postJson("/api/v1/jobs/" + id + "/cancel", null);

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.body().get("state").asText()).isEqualTo("cancelled");
  }

  @Test
  void theSchemeIsCaseInsensitive_andTheTokenNameSeparatesIdempotencyKeys() {
    ApiClient admin = server.api();
    Response lower =
        admin.request(
            "POST",
            "/api/v1/jobs",
            java.util.Map.of(
                "Content-Type",
                "application/json",
                "Authorization",
                "bearer " + tokens.secret("admin"),
                "Idempotency-Key",
                "k1"),
            job("email"));
    Response producer =
        as("producer")
            .request(
                "POST",
                "/api/v1/jobs",
                java.util.Map.of("Content-Type", "application/json", "Idempotency-Key", "k1"),
                job("email"));

    assertThat(lower.status()).isEqualTo(201);
    assertThat(producer.status()).isEqualTo(201);
    assertThat(id(producer)).isNotEqualTo(id(lower));
  }

  private ApiClient as(String token) {
    return server.api().withToken(tokens.secret(token));
  }

  private static String job(String queue) {
    return "{\"queue\":\"" + queue + "\",\"kind\":\"noop\"}";
  }

  private static String id(Response response) {
    assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
    return response.body().get("id").asText();
  }

  private static List<String> queueNames(JsonNode body) {
    List<String> names = new ArrayList<>();
    body.get("queues").forEach(queue -> names.add(queue.get("queue").asText()));
    return names;
  }

  static void assertProblem(Response response, int status) {
    assertThat(response.status()).as("status of %s", response.raw().body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("detail").asText()).isNotBlank();
  }
}
