package io.drover.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueueAndHealthRoutesTest {
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(Map.of("WORKER_POLL_INTERVAL", "50"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void health_isOk() {
    Response response = server.api().get("/health");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().get("status").asText()).isEqualTo("ok");
  }

  @Test
  void queues_countEveryStatePerQueue_withTheOldestWaitingAge() {
    server.store().pauseQueue("held");
    server
        .api()
        .postJson(
            "/api/v1/jobs",
            "[{\"queue\":\"held\",\"kind\":\"noop\"},{\"queue\":\"held\",\"kind\":\"noop\"},"
                + "{\"queue\":\"later\",\"kind\":\"noop\",\"delay\":\"1h\"}]");

    Response response = server.api().get("/api/v1/queues");

    assertThat(response.status()).isEqualTo(200);
    JsonNode held = queue(response.body(), "held");
    assertThat(held.get("paused").asBoolean()).isTrue();
    assertThat(held.get("counts").get("waiting").asLong()).isEqualTo(2);
    assertThat(held.get("counts").get("completed").asLong()).isZero();
    assertThat(held.get("counts").fieldNames())
        .toIterable()
        .containsExactly(
            "scheduled",
            "waiting",
            "blocked",
            "active",
            "retrying",
            "completed",
            "failed",
            "cancelled");
    assertThat(held.get("total").asLong()).isEqualTo(2);
    assertThat(held.get("oldest_waiting_age_ms").asLong()).isNotNegative();
    assertThat(held.get("oldest_waiting_since").asText()).endsWith("Z");
    JsonNode later = queue(response.body(), "later");
    assertThat(later.get("counts").get("scheduled").asLong()).isEqualTo(1);
    assertThat(later.get("oldest_waiting_age_ms").isNull()).isTrue();
  }

  private static JsonNode queue(JsonNode body, String name) {
    for (JsonNode queue : body.get("queues")) {
      if (queue.get("queue").asText().equals(name)) {
        return queue;
      }
    }
    throw new AssertionError("no queue " + name + " in " + body);
  }
}
