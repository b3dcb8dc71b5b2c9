package io.drover.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import io.drover.store.JobQuery;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad request gets a problem naming what was wrong, and nothing is stored (DESIGN §8). */
class BadInputTest {
  /** Small, so an oversized payload is cheap to send. */
  private static final int MAX_PAYLOAD = 1024;

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(Map.of("DROVER_MAX_PAYLOAD_BYTES", String.valueOf(MAX_PAYLOAD)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Stream<Arguments> badJobs() {
    String bigPayload = "{\"text\":\"" + "x".repeat(MAX_PAYLOAD) + "\"}";
    return Stream.of(
        Arguments.of("truncated JSON", "{\"kind\":", null),
        Arguments.of("text after the value", "{\"kind\":\"noop\"} x", null),
        Arguments.of("a key given twice", "{\"kind\":\"noop\",\"kind\":\"sleep\"}", null),
        Arguments.of("an empty body", "", null),
        Arguments.of("an empty batch", "[]", null),
        Arguments.of("not an object", "42", "job"),
        Arguments.of("an unknown field", "{\"kind\":\"noop\",\"colour\":\"red\"}", "colour"),
        Arguments.of("no kind", "{\"queue\":\"q\"}", "kind"),
        Arguments.of("a kind that is a number", "{\"kind\":5}", "kind"),
        Arguments.of("a queue with a space", "{\"kind\":\"noop\",\"queue\":\"a b\"}", "queue"),
        Arguments.of("a queue with a slash", "{\"kind\":\"noop\",\"queue\":\"a/b\"}", "queue"),
        Arguments.of("priority above 10", "{\"kind\":\"noop\",\"priority\":11}", "priority"),
        Arguments.of("priority 0", "{\"kind\":\"noop\",\"priority\":0}", "priority"),
        Arguments.of(
            "an unknown priority name", "{\"kind\":\"noop\",\"priority\":\"urgent\"}", "priority"),
        Arguments.of("a fractional priority", "{\"kind\":\"noop\",\"priority\":5.5}", "priority"),
        Arguments.of("a boolean priority", "{\"kind\":\"noop\",\"priority\":true}", "priority"),
        Arguments.of("max_attempts 0", "{\"kind\":\"noop\",\"max_attempts\":0}", "max_attempts"),
        Arguments.of(
            "max_attempts as text", "{\"kind\":\"noop\",\"max_attempts\":\"3\"}", "max_attempts"),
        Arguments.of(
            "an unreadable timeout", "{\"kind\":\"noop\",\"timeout\":\"5 parsecs\"}", "timeout"),
        Arguments.of("a negative timeout", "{\"kind\":\"noop\",\"timeout\":-1}", "timeout"),
        Arguments.of(
            "a zero dedup_window", "{\"kind\":\"noop\",\"dedup_window\":0}", "dedup_window"),
        Arguments.of(
            "run_at without a zone",
            "{\"kind\":\"noop\",\"run_at\":\"2030-01-01T09:00\"}",
            "run_at"),
        Arguments.of(
            "both run_at and delay",
            "{\"kind\":\"noop\",\"run_at\":\"2030-01-01T09:00:00Z\",\"delay\":5}",
            "delay"),
        Arguments.of(
            "run_at before 1970",
            "{\"kind\":\"noop\",\"run_at\":\"-999999999-01-01T00:00:00Z\"}",
            "run_at"),
        Arguments.of(
            "a delay of Long.MAX_VALUE milliseconds",
            "{\"kind\":\"noop\",\"delay\":9223372036854775807}",
            "delay"),
        Arguments.of(
            "a delay of 106751991167 days",
            "{\"kind\":\"noop\",\"delay\":\"106751991167d\"}",
            "delay"),
        Arguments.of(
            "a backoff of Long.MAX_VALUE milliseconds",
            "{\"kind\":\"noop\",\"backoff\":{\"base\":9223372036854775807,\"max\":9223372036854775807}}",
            "backoff.base"),
        Arguments.of(
            "a backoff max over 30 days",
            "{\"kind\":\"noop\",\"backoff\":{\"base\":\"1s\",\"max\":\"31d\"}}",
            "backoff.max"),
        Arguments.of(
            "run_at after 2999",
            "{\"kind\":\"noop\",\"run_at\":\"3000-01-01T00:00:00Z\"}",
            "run_at"),
        Arguments.of("a timeout over 7 days", "{\"kind\":\"noop\",\"timeout\":\"8d\"}", "timeout"),
        Arguments.of(
            "a dedup_window over a year",
            "{\"kind\":\"noop\",\"dedup_window\":\"366d\"}",
            "dedup_window"),
        Arguments.of(
            "backoff max under base",
            "{\"kind\":\"noop\",\"backoff\":{\"base\":\"10s\",\"max\":\"1s\"}}",
            "backoff.max"),
        Arguments.of(
            "an unreadable backoff base",
            "{\"kind\":\"noop\",\"backoff\":{\"base\":\"soon\"}}",
            "backoff.base"),
        Arguments.of(
            "an unknown backoff field",
            "{\"kind\":\"noop\",\"backoff\":{\"jitter\":true}}",
            "backoff.jitter"),
        Arguments.of("tags not an array", "{\"kind\":\"noop\",\"tags\":\"a\"}", "tags"),
        Arguments.of("a tag that is a number", "{\"kind\":\"noop\",\"tags\":[1]}", "tags[0]"),
        Arguments.of("an id that is no UUID", "{\"kind\":\"noop\",\"id\":\"42\"}", "id"),
        Arguments.of(
            "a workflow field",
            "{\"kind\":\"noop\",\"depends_on\":[\"019a0000-0000-7000-8000-000000000000\"]}",
            "depends_on"),
        Arguments.of(
            "an oversized payload",
            "{\"kind\":\"noop\",\"payload\":" + bigPayload + "}",
            "payload"),
        Arguments.of(
            "one bad job in a batch",
            "[{\"kind\":\"noop\"},{\"kind\":\"noop\"},{\"kind\":\"noop\"},{\"kind\":\"noop\",\"priority\":42}]",
            "[3].priority"),
        Arguments.of("a batch item that is no object", "[{\"kind\":\"noop\"},7]", "[1].job"),
        Arguments.of(
            "a batch of 1,001 jobs", "[" + "{\"kind\":\"noop\"},".repeat(1000) + "7]", null),
        Arguments.of(
            "a lone surrogate in the payload",
            "{\"kind\":\"noop\",\"payload\":{\"text\":\"a\\ud800b\"}}",
            "payload"),
        Arguments.of(
            "a lone low surrogate in a batch's payload",
            "[{\"kind\":\"noop\"},{\"kind\":\"noop\",\"payload\":\"\\udc00\"}]",
            "[1].payload"),
        Arguments.of(
            "SQL in a queue name",
            "{\"kind\":\"noop\",\"queue\":\"q'; DROP TABLE jobs;--\"}",
            "queue"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badJobs")
  void badJob_is400ProblemNamingTheField_andStoresNothing(
      String description, String body, String field) {
    Response response = server.api().postJson("/api/v1/jobs", body);

    assertProblem(response, 400);
    if (field == null) {
      assertThat(response.body().has("field")).as("field of %s", description).isFalse();
    } else {
      assertThat(response.body().path("field").asText()).as("field").isEqualTo(field);
    }
    assertNothingStored();
  }

  @Test
  void aValueOutOfBounds_namesTheBoundInTheDetail() {
    Response delay =
        server.api().postJson("/api/v1/jobs", "{\"kind\":\"noop\",\"delay\":\"106751991167d\"}");
    Response runAt =
        server
            .api()
            .postJson(
                "/api/v1/jobs", "{\"kind\":\"noop\",\"run_at\":\"-999999999-01-01T00:00:00Z\"}");

    assertProblem(delay, 400);
    assertThat(delay.body().get("detail").asText())
        .isEqualTo("delay: must be from 0s to 3650d (was 106751991167d)");
    assertProblem(runAt, 400);
    assertThat(runAt.body().get("detail").asText())
        .isEqualTo(
            "run_at: must be from 1970-01-01T00:00:00Z to 2999-12-31T23:59:59.999Z"
                + " (was -999999999-01-01T00:00:00Z)");
    assertNothingStored();
  }

  @Test
  void aBodyThatIsNotDeclaredJson_is415() {
    Response response =
        server.api().send("POST", "/api/v1/jobs", "text/plain", "{\"kind\":\"noop\"}");

    assertProblem(response, 415);
    assertNothingStored();
  }

  @Test
  void aBodyOverTheLimit_is413() {
    String huge = "[" + "{\"kind\":\"noop\"},".repeat(5000) + "{\"kind\":\"noop\"}]";

    Response response = server.api().postJson("/api/v1/jobs", huge);

    assertProblem(response, 413);
    assertNothingStored();
  }

  @Test
  void aMethodARouteDoesNotTake_is405WithAllow() {
    Response response = server.api().send("PUT", "/health", null, null);

    assertProblem(response, 405);
    assertThat(response.header("Allow")).isEqualTo("GET");
  }

  @Test
  void anUnknownRoute_is404Problem() {
    assertProblem(server.api().get("/api/v1/nothing-here"), 404);
  }

  private static void assertProblem(Response response, int status) {
    assertThat(response.status()).as("status of %s", response.raw().body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("type").asText()).isEqualTo("about:blank");
    assertThat(response.body().get("status").asInt()).isEqualTo(status);
    assertThat(response.body().get("title").asText()).isNotBlank();
    assertThat(response.body().get("detail").asText()).isNotBlank();
  }

  private void assertNothingStored() {
    assertThat(server.store().stats()).isEmpty();
    assertThat(server.store().list(JobQuery.all()).jobs()).isEmpty();
  }
}
