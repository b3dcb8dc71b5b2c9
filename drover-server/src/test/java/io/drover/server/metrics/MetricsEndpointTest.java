package io.drover.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.server.ApiClient;
import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

  @Test
  void metrics_countJobsPerQueueAndKind_timeThem_andShowQueuesWorkersAndTheJvm() {
    try (TestServer server = TestServer.start(Map.of("WORKER_POLL_INTERVAL", "20"))) {
      ApiClient api = server.api();
      String done = id(api.postJson("/api/v1/jobs", "{\"queue\":\"m\",\"kind\":\"noop\"}"));
      String bad =
          id(api.postJson("/api/v1/jobs", "{\"queue\":\"m\",\"kind\":\"sleep\",\"payload\":{}}"));
      awaitState(api, done, "completed");
      awaitState(api, bad, "failed");
      api.postJson("/api/v1/queues/held/pause", null);
      api.postJson("/api/v1/jobs", "{\"queue\":\"held\",\"kind\":\"noop\"}");

      Response response = api.get("/metrics");

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.contentType()).startsWith("text/plain; version=0.0.4");
      assertThat(response.raw().body())
          .contains(
              "drover_jobs_enqueued_total{kind=\"noop\",queue=\"m\"} 1.0",
              "drover_jobs_enqueued_total{kind=\"sleep\",queue=\"m\"} 1.0",
              "drover_jobs_completed_total{kind=\"noop\",queue=\"m\"} 1.0",
              "drover_jobs_failed_total{kind=\"sleep\",queue=\"m\"} 1.0",
              "drover_job_duration_seconds_count{kind=\"noop\",outcome=\"completed\",queue=\"m\"} 1",
              "drover_job_duration_seconds_bucket{kind=\"noop\",outcome=\"completed\",queue=\"m\",le=\"+Inf\"} 1",
              "drover_queue_jobs{queue=\"m\",state=\"completed\"} 1.0",
              "drover_queue_jobs{queue=\"m\",state=\"failed\"} 1.0",
              "drover_queue_jobs{queue=\"held\",state=\"waiting\"} 1.0",
              "drover_queue_oldest_waiting_age_seconds{queue=\"held\"}",
              "drover_workers 1.0",
              "drover_jobs_active 0.0",
              "jvm_memory_used_bytes",
              "jvm_gc_",
              "process_uptime_seconds");
    }
  }

  private static void awaitState(ApiClient api, String id, String state) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> api.get("/api/v1/jobs/" + id).body().get("state").asText(), state::equals);
  }

  private static String id(Response response) {
    assertThat(response.status()).isEqualTo(201);
    return response.body().get("id").asText();
  }
}
