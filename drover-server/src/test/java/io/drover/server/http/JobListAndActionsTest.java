package io.drover.server.http;

import static io.drover.server.http.AuthTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.server.ApiClient;
import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import io.drover.store.JobQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listing with filters and cursors, cancel, retry now, and the Idempotency-Key header. */
class JobListAndActionsTest {
  private TestServer server;
  private ApiClient api;

  @BeforeEach
  void start() {
    // No workers: every job stays where the test put it.
    server = TestServer.start(Map.of(), options -> options.withWorkers(false));
    api = server.api();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void list_pagesNewestFirst_throughEveryJobOnce() {
    List<String> enqueued = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      enqueued.add(id(api.postJson("/api/v1/jobs", "{\"queue\":\"q1\",\"kind\":\"noop\"}")));
    }
    api.postJson("/api/v1/jobs", "{\"queue\":\"q2\",\"kind\":\"noop\"}");

    List<String> listed = new ArrayList<>();
    String path = "/api/v1/jobs?queue=q1&limit=2";
    int pages = 0;
    while (path != null) {
      JsonNode page = api.get(path).body();
      page.get("jobs").forEach(job -> listed.add(job.get("id").asText()));
      pages++;
      path =
          page.get("next_cursor").isNull()
              ? null
              : "/api/v1/jobs?queue=q1&limit=2&cursor=" + page.get("next_cursor").asText();
    }

    assertThat(pages).isEqualTo(3);
    assertThat(listed).containsExactlyElementsOf(enqueued.reversed());
  }

  @Test
  void list_filtersByStateKindTagAndCreationTime() {
    api.postJson("/api/v1/jobs", "{\"queue\":\"q\",\"kind\":\"noop\",\"tags\":[\"red\"]}");
    String sleeper =
        id(api.postJson("/api/v1/jobs", "{\"queue\":\"q\",\"kind\":\"sleep\",\"delay\":\"1h\"}"));

    assertThat(ids("/api/v1/jobs?state=scheduled")).containsExactly(sleeper);
    assertThat(ids("/api/v1/jobs?kind=sleep")).containsExactly(sleeper);
    assertThat(ids("/api/v1/jobs?tag=red")).hasSize(1).doesNotContain(sleeper);
    assertThat(ids("/api/v1/jobs?created_from=" + Instant.now().plusSeconds(60))).isEmpty();
    assertThat(ids("/api/v1/jobs?created_to=" + Instant.now().plusSeconds(60))).hasSize(2);
    // Times no store can hold mean "any": every job was created between them.
    assertThat(
            ids(
                "/api/v1/jobs?created_from=-999999999-01-01T00:00:00Z"
                    + "&created_to=%2B999999999-12-31T23:59:59Z"))
        .hasSize(2);
  }

  @Test
  void list_refusesBadParameters_namingThem() {
    String[][] bad = {
      {"colour=red", "colour"},
      {"state=sleeping", "state"},
      {"limit=0", "limit"},
      {"limit=many", "limit"},
      {"cursor=not-ours", "cursor"},
      {"created_from=yesterday", "created_from"},
      {"queue=a%20b", "queue"},
      {"kind=x&kind=y", "kind"}
    };
    for (String[] query : bad) {
      Response response = api.get("/api/v1/jobs?" + query[0]);

      assertProblem(response, 400);
      assertThat(response.body().get("field").asText()).as(query[0]).isEqualTo(query[1]);
    }
  }

  @Test
  void cancel_endsAWaitingJob_andASecondCancelIsAConflict() {
    String id = id(api.postJson("/api/v1/jobs", "{\"kind\":\"noop\"}"));

    Response cancelled = api.postJson("/api/v1/jobs/" + id + "/cancel", null);
    Response again = api.postJson("/api/v1/jobs/" + id + "/cancel", null);

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.body().get("state").asText()).isEqualTo("cancelled");
    assertProblem(again, 409);
    assertThat(again.body().get("detail").asText()).contains("cancelled already");
  }

  @Test
  void retry_makesAScheduledOrCancelledJobWaiting_butNotAWaitingOne() {
    String scheduled = id(api.postJson("/api/v1/jobs", "{\"kind\":\"noop\",\"delay\":\"1h\"}"));
    String waiting = id(api.postJson("/api/v1/jobs", "{\"kind\":\"noop\"}"));

    Response retried = api.postJson("/api/v1/jobs/" + scheduled + "/retry", null);
    Response refused = api.postJson("/api/v1/jobs/" + waiting + "/retry", null);

    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.body().get("state").asText()).isEqualTo("waiting");
    assertProblem(refused, 409);
    assertThat(refused.body().get("detail").asText()).contains("it is waiting");
  }

  @Test
  void cancelOrRetryOfAnUnknownJob_is404() {
    assertProblem(
        api.postJson("/api/v1/jobs/019a0000-0000-7000-8000-000000000000/cancel", null), 404);
    assertProblem(api.postJson("/api/v1/jobs/not-an-id/retry", null), 400);
  }

  @Test
  void idempotencyKey_sameKeyMakesTheSameJob_differentKeysDifferentOnes() {
    Response first = enqueueWithKey("order-1", "{\"kind\":\"noop\"}");
    Response again = enqueueWithKey("order-1", "{\"kind\":\"noop\"}");
    Response other = enqueueWithKey("order-2", "{\"kind\":\"noop\"}");

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("created").asBoolean()).isFalse();
    assertThat(id(again)).isEqualTo(id(first));
    assertThat(id(other)).isNotEqualTo(id(first));
    assertThat(server.store().list(JobQuery.all()).jobs()).hasSize(2);
  }

  @Test
  void idempotencyKey_onABatch_keysEachJobByItsIndex_andAGivenIdWins() {
    String given = "019a0000-0000-7000-8000-0000000000aa";
    String batch = "[{\"kind\":\"noop\"},{\"kind\":\"noop\",\"id\":\"" + given + "\"}]";

    Response first = enqueueWithKey("import-7", batch);
    Response again = enqueueWithKey("import-7", batch);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(batchIds(again)).isEqualTo(batchIds(first));
    assertThat(again.body().get("jobs")).allMatch(job -> !job.get("created").asBoolean());
    assertThat(batchIds(first).get(1)).isEqualTo(given);
    assertThat(server.store().list(JobQuery.all()).jobs()).hasSize(2);
  }

  @Test
  void aBadIdempotencyKey_is400NamingTheHeader() {
    Response response = enqueueWithKey("x".repeat(256), "{\"kind\":\"noop\"}");

    assertProblem(response, 400);
    assertThat(response.body().get("field").asText()).isEqualTo("Idempotency-Key");
  }

  private Response enqueueWithKey(String key, String body) {
    return api.request(
        "POST",
        "/api/v1/jobs",
        Map.of("Content-Type", "application/json", "Idempotency-Key", key),
        body);
  }

  private List<String> ids(String path) {
    Response response = api.get(path);
    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.body().get("jobs").forEach(job -> ids.add(job.get("id").asText()));
    return ids;
  }

  private static List<String> batchIds(Response response) {
    List<String> ids = new ArrayList<>();
    response.body().get("jobs").forEach(job -> ids.add(job.get("id").asText()));
    return ids;
  }

  private static String id(Response response) {
    assertThat(response.status()).as(response.raw().body()).isIn(200, 201);
    return response.body().get("id").asText();
  }
}
