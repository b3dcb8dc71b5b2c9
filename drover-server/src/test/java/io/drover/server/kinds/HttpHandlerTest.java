package io.drover.server.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.server.ApiClient;
import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import io.drover.server.kinds.ScriptedHttpServer.Received;
import io.drover.server.kinds.ScriptedHttpServer.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code http} kind against a local HTTP server, through a running Drover server. */
class HttpHandlerTest {
  private ScriptedHttpServer target;
  private TestServer server;

  @BeforeEach
  void start() {
    target = new ScriptedHttpServer();
    server =
        TestServer.start(
            Map.of("DROVER_HTTP_ALLOW_HOSTS", "127.0.0.1", "WORKER_POLL_INTERVAL", "20"));
  }

  @AfterEach
  void stop() {
    server.close();
    target.close();
  }

  @Test
  void a2xx_completesWithTheResponseBodyAsResult_andSendsThePayloadsRequest() {
    target.on("/hook", Reply.of(200, "{\"ok\":true,\"n\":1.50}"));

    JsonNode job =
        awaitState(
            enqueue(
                call ->
                    call.put("url", target.url("/hook"))
                        .put("method", "put")
                        .<ObjectNode>set("headers", headers("X-Trace", "t-1"))
                        .putObject("body")
                        .put("order", 7)),
            "completed");

    assertThat(job.get("result").get("ok").asBoolean()).isTrue();
    assertThat(job.get("result").get("n").decimalValue()).isEqualByComparingTo("1.50");
    Received request = target.received("/hook").get(0);
    assertThat(request.method()).isEqualTo("PUT");
    assertThat(request.body()).isEqualTo("{\"order\":7}");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("X-Trace")).isEqualTo("t-1");
  }

  @Test
  void aTextBody_isStoredAsAJsonString_andAHugeOneIsCapped() {
    target.on("/text", Reply.of(200, "plain words"));
    target.on("/huge", Reply.of(200, "x".repeat(ResponseResult.MAX_BYTES + 100)));

    JsonNode text = awaitState(enqueue(call -> call.put("url", target.url("/text"))), "completed");
    JsonNode huge = awaitState(enqueue(call -> call.put("url", target.url("/huge"))), "completed");

    assertThat(text.get("result").asText()).isEqualTo("plain words");
    assertThat(huge.get("result").asText()).hasSize(ResponseResult.MAX_BYTES);
  }

  @Test
  void a429WithRetryAfter_retriesAfterTheAskedDelay_thenCompletes() {
    target.on(
        "/limited",
        Reply.of(429, "slow down").withHeader("Retry-After", "1"),
        Reply.of(201, "{\"done\":true}"));

    JsonNode job =
        awaitState(enqueue(call -> call.put("url", target.url("/limited"))), "completed");

    assertThat(job.get("attempt").asInt()).isEqualTo(2);
    assertThat(job.get("errors").get(0).get("message").asText())
        .contains("HTTP 429", "Retry-After: 1 s", "slow down");
    List<Received> calls = target.received("/limited");
    assertThat(Duration.between(calls.get(0).at(), calls.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void a500_retriesWithTheJobsBackoff_thenSucceeds() {
    target.on("/flaky", Reply.of(500, "oops"), Reply.of(200, "{}"));

    JsonNode job = awaitState(enqueue(call -> call.put("url", target.url("/flaky"))), "completed");

    assertThat(job.get("attempt").asInt()).isEqualTo(2);
    assertThat(job.get("errors").get(0).get("message").asText()).contains("HTTP 500", "oops");
  }

  @Test
  void a404_failsForGood_atTheFirstAttempt() {
    target.on("/gone", Reply.of(404, "no such thing"));

    JsonNode job = awaitState(enqueue(call -> call.put("url", target.url("/gone"))), "failed");

    assertThat(job.get("attempt").asInt()).isEqualTo(1);
    assertThat(job.get("errors").get(0).get("message").asText()).contains("HTTP 404", "/gone");
    assertThat(target.received("/gone")).hasSize(1);
  }

  @Test
  void aTimeout_isRetried_andTheNextAttemptCanSucceed() {
    target.on("/slow", Reply.stalled(), Reply.of(200, "{\"late\":false}"));

    JsonNode job =
        awaitState(
            enqueue(call -> call.put("url", target.url("/slow")).put("timeout_ms", 200)),
            "completed");

    assertThat(job.get("attempt").asInt()).isEqualTo(2);
    assertThat(job.get("errors").get(0).get("message").asText()).containsIgnoringCase("timed out");
  }

  @Test
  void aRefusedConnection_isRetried_withAnErrorNamingHostAndPort() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }

    JsonNode job =
        awaitState(
            enqueue(
                call ->
                    call.put("url", "http://127.0.0.1:" + closed + "/hook")
                        .put("timeout_ms", 2000)),
            "failed");

    assertThat(job.get("attempt").asInt()).isEqualTo(3);
    assertThat(job.get("errors").get(0).get("message").asText())
        .isEqualTo("connection refused: 127.0.0.1:" + closed);
  }

  @Test
  void aHostOffTheAllowList_orABadPayload_failsForGoodWithoutACall() {
    JsonNode offList =
        awaitState(enqueue(call -> call.put("url", "http://localhost:1/x")), "failed");
    JsonNode noUrl = awaitState(enqueue(call -> call.put("method", "GET")), "failed");

    assertThat(offList.get("errors").get(0).get("message").asText())
        .contains("host localhost is not in the allowed hosts (127.0.0.1)");
    assertThat(noUrl.get("errors").get(0).get("message").asText()).contains("url is required");
  }

  /** Enqueues an http job whose payload {@code call} fills, with fast retries. */
  private String enqueue(Consumer<ObjectNode> call) {
    ObjectNode job = ApiClient.JSON.createObjectNode().put("kind", "http").put("queue", "hooks");
    call.accept(job.putObject("payload"));
    job.putObject("backoff").put("base", 10).put("max", 50);
    Response response = server.api().postJson("/api/v1/jobs", job.toString());
    assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
    return response.body().get("id").asText();
  }

  private JsonNode awaitState(String id, String state) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> server.api().get("/api/v1/jobs/" + id).body(),
            job -> job.get("state").asText().equals(state));
  }

  private static ObjectNode headers(String name, String value) {
    return ApiClient.JSON.createObjectNode().put(name, value);
  }
}
