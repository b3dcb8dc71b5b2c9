package io.drover.server.http;

import static io.drover.server.http.AuthTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.Job;
import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad body of the worker protocol is a 400 naming the field, and changes nothing: no worker
 * registered, no job claimed, the held job as it was (DESIGN §8).
 */
class LeaseBadInputTest {
  private static final String ERROR = "\"error\":{\"message\":\"m\"}";

  private TestServer server;
  private UUID held;
  private long token;

  @BeforeEach
  void start() {
    server = TestServer.start(Map.of(), options -> options.withWorkers(false));
    held = UUID.fromString(enqueue());
    JsonNode job =
        server
            .api()
            .postJson("/api/v1/claims", "{\"worker_id\":\"w\",\"queues\":[\"emails\"]}")
            .body()
            .get("jobs")
            .get(0);
    token = job.get("lease_token").asLong();
    enqueue();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Stream<Arguments> badClaims() {
    return Stream.of(
        Arguments.of("an array", "[]", null),
        Arguments.of("no worker_id", "{\"queues\":[\"emails\"]}", "worker_id"),
        Arguments.of(
            "a worker_id with a space",
            "{\"worker_id\":\"a b\",\"queues\":[\"emails\"]}",
            "worker_id"),
        Arguments.of(
            "a numeric worker_id", "{\"worker_id\":7,\"queues\":[\"emails\"]}", "worker_id"),
        Arguments.of("an unknown field", claim("\"colour\":\"red\""), "colour"),
        Arguments.of("no queues", "{\"worker_id\":\"x\"}", "queues"),
        Arguments.of("empty queues", "{\"worker_id\":\"x\",\"queues\":[]}", "queues"),
        Arguments.of("queues as a string", "{\"worker_id\":\"x\",\"queues\":\"emails\"}", "queues"),
        Arguments.of("a bad queue", "{\"worker_id\":\"x\",\"queues\":[\"a b\"]}", "queues"),
        Arguments.of("a numeric queue", "{\"worker_id\":\"x\",\"queues\":[5]}", "queues"),
        Arguments.of("max 0", claim("\"max\":0"), "max"),
        Arguments.of("max 101", claim("\"max\":101"), "max"),
        Arguments.of("max as text", claim("\"max\":\"1\""), "max"),
        Arguments.of("lease_seconds 0", claim("\"lease_seconds\":0"), "lease_seconds"),
        Arguments.of("lease_seconds 3601", claim("\"lease_seconds\":3601"), "lease_seconds"),
        Arguments.of("wait_ms 30001", claim("\"wait_ms\":30001"), "wait_ms"),
        Arguments.of("a negative wait_ms", claim("\"wait_ms\":-1"), "wait_ms"),
        Arguments.of("an empty host", claim("\"host\":\"\""), "host"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badClaims")
  void aBadClaim_is400NamingTheField_andClaimsNothing(String why, String body, String field) {
    Response response = server.api().postJson("/api/v1/claims", body);

    assertBadRequest(response, field);
    assertThat(server.store().workers())
        .singleElement()
        .satisfies(w -> assertThat(w.id()).isEqualTo("w"));
    assertThat(server.api().count("waiting")).isEqualTo(1);
  }

  static Stream<Arguments> badReports() {
    return Stream.of(
        Arguments.of("heartbeat", "{}", "lease_token"),
        Arguments.of("heartbeat", "{\"lease_token\":\"TOKEN\"}", "lease_token"),
        Arguments.of("heartbeat", "{\"lease_token\":-1}", "lease_token"),
        Arguments.of("heartbeat", "{\"lease_token\":TOKEN,\"lease_seconds\":0}", "lease_seconds"),
        Arguments.of("heartbeat", "{\"lease_token\":TOKEN,\"extend\":true}", "extend"),
        Arguments.of("complete", "{\"result\":{}}", "lease_token"),
        Arguments.of("complete", "{\"lease_token\":1.5}", "lease_token"),
        Arguments.of("complete", "{\"lease_token\":TOKEN,\"results\":{}}", "results"),
        Arguments.of("complete", "42", null),
        Arguments.of("fail", "{\"lease_token\":TOKEN}", "error"),
        Arguments.of("fail", "{\"lease_token\":TOKEN,\"error\":\"boom\"}", "error"),
        Arguments.of("fail", "{\"lease_token\":TOKEN,\"error\":{}}", "error.message"),
        Arguments.of(
            "fail",
            "{\"lease_token\":TOKEN,\"error\":{\"message\":\"m\",\"code\":1}}",
            "error.code"),
        Arguments.of(
            "fail",
            "{\"lease_token\":TOKEN,\"error\":{\"message\":\"m\",\"type\":5}}",
            "error.type"),
        Arguments.of("fail", "{\"lease_token\":TOKEN," + ERROR + ",\"retry\":\"no\"}", "retry"),
        Arguments.of(
            "fail",
            "{\"lease_token\":TOKEN," + ERROR + ",\"retry\":false,\"retry_in_ms\":10}",
            "retry_in_ms"),
        Arguments.of(
            "fail", "{\"lease_token\":TOKEN," + ERROR + ",\"retry_in_ms\":-1}", "retry_in_ms"),
        Arguments.of("progress", "{\"lease_token\":TOKEN}", "percent"),
        Arguments.of("progress", "{\"lease_token\":TOKEN,\"percent\":101}", "percent"),
        Arguments.of("progress", "{\"lease_token\":TOKEN,\"percent\":5,\"message\":5}", "message"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badReports")
  void aBadReport_is400NamingTheField_andLeavesTheJobAsItWas(
      String action, String body, String field) {
    Job before = server.store().get(held).orElseThrow();

    Response response =
        server
            .api()
            .postJson(
                "/api/v1/jobs/" + held + "/" + action,
                body.replace("TOKEN", String.valueOf(token)));

    assertBadRequest(response, field);
    assertThat(server.store().get(held).orElseThrow()).isEqualTo(before);
  }

  private String enqueue() {
    return server
        .api()
        .postJson("/api/v1/jobs", "{\"queue\":\"emails\",\"kind\":\"send\"}")
        .body()
        .get("id")
        .asText();
  }

  private static String claim(String field) {
    return "{\"worker_id\":\"x\",\"queues\":[\"emails\"]," + field + "}";
  }

  private static void assertBadRequest(Response response, String field) {
    assertProblem(response, 400);
    if (field == null) {
      assertThat(response.body().has("field")).isFalse();
    } else {
      assertThat(response.body().get("field").asText()).isEqualTo(field);
    }
  }
}
