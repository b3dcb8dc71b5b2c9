package io.drover.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.Job;
import io.drover.StoreUnavailableException;
import io.drover.server.ApiClient;
import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import io.drover.server.health.HealthCheck;
import io.drover.server.health.HealthResult;
import io.drover.server.health.HealthStatus;
import io.drover.store.ForwardingJobStore;
import io.drover.store.JobStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pause and resume, stats, workers, readiness and the comprehensive health report. */
class OperationsRoutesTest {

  @Test
  void pause_stopsClaims_andResume_letsTheJobRun() {
    try (TestServer server = TestServer.start(Map.of("WORKER_POLL_INTERVAL", "50"))) {
      Response paused = server.api().postJson("/api/v1/queues/held/pause", null);
      String id = enqueue(server, "{\"queue\":\"held\",\"kind\":\"noop\"}");

      assertThat(paused.status()).isEqualTo(200);
      assertThat(paused.body().get("paused").asBoolean()).isTrue();
      assertThat(server.api().get("/api/v1/jobs/" + id).body().get("state").asText())
          .isEqualTo("waiting");

      Response resumed = server.api().postJson("/api/v1/queues/held/resume", null);

      assertThat(resumed.body().get("paused").asBoolean()).isFalse();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> server.api().get("/api/v1/jobs/" + id).body().get("state").asText(),
              "completed"::equals);
    }
  }

  @Test
  void pauseOfABadQueueName_is400() {
    try (TestServer server = TestServer.start()) {
      Response response = server.api().postJson("/api/v1/queues/a%20b/pause", null);

      assertThat(response.status()).isEqualTo(400);
      assertThat(response.body().get("field").asText()).isEqualTo("queue");
    }
  }

  @Test
  void stats_sumEveryQueue() {
    try (TestServer server = TestServer.start(Map.of(), options -> options.withWorkers(false))) {
      enqueue(
          server,
          "[{\"queue\":\"a\",\"kind\":\"noop\"},{\"queue\":\"b\",\"kind\":\"noop\"},"
              + "{\"queue\":\"b\",\"kind\":\"noop\",\"delay\":\"1h\"}]");
      server.store().pauseQueue("c");

      JsonNode stats = server.api().get("/api/v1/stats").body();

      assertThat(stats.get("queues").asInt()).isEqualTo(3);
      assertThat(stats.get("paused_queues").asInt()).isEqualTo(1);
      assertThat(stats.get("counts").get("waiting").asLong()).isEqualTo(2);
      assertThat(stats.get("counts").get("scheduled").asLong()).isEqualTo(1);
      assertThat(stats.get("total").asLong()).isEqualTo(3);
      assertThat(stats.get("oldest_waiting_age_ms").asLong()).isNotNegative();
    }
  }

  @Test
  void workers_listTheRegistry() {
    try (TestServer server = TestServer.start(Map.of("DROVER_QUEUES", "email,scrape.*"))) {
      JsonNode workers = server.api().get("/api/v1/workers").body().get("workers");

      assertThat(workers).hasSize(1);
      JsonNode worker = workers.get(0);
      assertThat(worker.get("queues"))
          .extracting(JsonNode::asText)
          .containsExactly("email", "scrape.*");
      assertThat(worker.get("concurrency").asInt()).isEqualTo(10);
      assertThat(worker.get("running").asInt()).isZero();
      assertThat(worker.get("stale").asBoolean()).isFalse();
      assertThat(worker.get("last_heartbeat").asText()).endsWith("Z");
    }
  }

  @Test
  void ready_andComprehensive_areOk_onAHealthyServer() {
    try (TestServer server = TestServer.start()) {
      Response ready = server.api().get("/health/ready");
      Response brief = server.api().get("/health/comprehensive");
      Response verbose = server.api().get("/health/comprehensive?verbose=true");

      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.body().get("status").asText()).isEqualTo("ok");
      assertThat(brief.status()).isEqualTo(200);
      assertThat(brief.body().get("checks").fieldNames())
          .toIterable()
          .containsExactly("store", "workers", "queues", "limits", "memory");
      assertThat(brief.body().get("checks").get("store").has("details")).isFalse();
      JsonNode store = verbose.body().get("checks").get("store").get("details");
      assertThat(store.get("reachable").asBoolean()).isTrue();
      assertThat(store.get("latency_ms").asLong()).isNotNegative();
      assertThat(verbose.body().get("checks").get("workers").get("details").get("live").asInt())
          .isEqualTo(1);
      assertThat(verbose.body().get("checks").get("memory").get("details").has("heap_max_bytes"))
          .isTrue();
    }
  }

  @Test
  void ready_isDown503_withTheVerdictAlone_whenTheStoreFails() {
    try (TestServer server =
        TestServer.start(
            Map.of(), options -> options.withWorkers(false), OperationsRoutesTest::unreachable)) {
      Response ready = server.api().get("/health/ready");

      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.body()).isEqualTo(ApiClient.JSON.createObjectNode().put("status", "down"));
    }
  }

  /** A store whose reads fail as an unreachable database's do; the probe reads a job by id. */
  private static JobStore unreachable(JobStore store) {
    return new ForwardingJobStore(store) {
      @Override
      public Optional<Job> get(UUID id) {
        throw new StoreUnavailableException("db.internal:5432 refused the connection", null);
      }
    };
  }

  @Test
  void comprehensive_isDegradedWithoutWorkers_orPastTheBacklogThreshold() {
    try (TestServer server =
        TestServer.start(
            Map.of("DROVER_BACKLOG_WARN", "1"), options -> options.withWorkers(false))) {
      enqueue(
          server,
          "[{\"queue\":\"busy\",\"kind\":\"noop\"},{\"queue\":\"busy\",\"kind\":\"noop\"}]");

      Response response = server.api().get("/health/comprehensive?verbose=true");

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body().get("status").asText()).isEqualTo("degraded");
      JsonNode checks = response.body().get("checks");
      assertThat(checks.get("workers").get("status").asText()).isEqualTo("degraded");
      assertThat(checks.get("queues").get("status").asText()).isEqualTo("degraded");
      assertThat(checks.get("queues").get("message").asText()).contains("busy has 2 waiting");
    }
  }

  @Test
  void aCriticalCheckDown_makesTheReport503_throughTheExtraChecksHook() {
    HealthCheck persistence =
        new HealthCheck() {
          @Override
          public String name() {
            return "persistence";
          }

          @Override
          public boolean critical() {
            return true;
          }

          @Override
          public HealthResult check() {
            return new HealthResult(HealthStatus.DOWN, "writes are not kept", Map.of());
          }
        };
    try (TestServer server =
        TestServer.start(Map.of(), options -> options.withExtraChecks(List.of(persistence)))) {
      Response response = server.api().get("/health/comprehensive");

      assertThat(response.status()).isEqualTo(503);
      assertThat(response.body().get("status").asText()).isEqualTo("down");
      assertThat(response.body().get("checks").get("persistence").get("message").asText())
          .isEqualTo("writes are not kept");
      assertThat(server.api().get("/health").status()).isEqualTo(200);
    }
  }

  @Test
  void aBadVerboseValue_is400() {
    try (TestServer server = TestServer.start()) {
      assertThat(server.api().get("/health/comprehensive?verbose=yes").status()).isEqualTo(400);
    }
  }

  private static String enqueue(TestServer server, String body) {
    Response response = server.api().postJson("/api/v1/jobs", body);
    assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
    return response.body().path("id").asText();
  }
}
