package io.drover.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.Ids;
import io.drover.server.ApiClient;
import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import io.drover.store.JobQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobRoutesTest {
  private TestServer server;
  private ApiClient api;

  @BeforeEach
  void start() {
    server = TestServer.start();
    api = server.api();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void enqueueOne_answers201WithId_andTheJobCompletes() {
    Response created = api.postJson("/api/v1/jobs", "{\"queue\":\"demo\",\"kind\":\"noop\"}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().get("created").asBoolean()).isTrue();
    String id = created.body().get("id").asText();
    assertThat(created.header("Location")).isEqualTo("/api/v1/jobs/" + id);
    assertThat(completed(id).get("attempt").asInt()).isEqualTo(1);
  }

  @Test
  void getJob_showsEveryFieldInSnakeCase_withPayloadAndResultAsJson() {
    String id =
        api.postJson(
                "/api/v1/jobs",
                """
                {"queue":"demo","kind":"sleep","payload":{"ms":10,"note":"ünïcode"},
                 "priority":"high","max_attempts":4,"timeout":"2s","backoff":{"base":100,"max":"1s"},
                 "dedup_key":"k1","rate_key":"example.com","tags":["a","b"]}
                """)
            .body()
            .get("id")
            .asText();

    JsonNode job = completed(id);

    assertThat(job.get("queue").asText()).isEqualTo("demo");
    assertThat(job.get("kind").asText()).isEqualTo("sleep");
    assertThat(job.get("payload").isObject()).isTrue();
    assertThat(job.get("payload").get("note").asText()).isEqualTo("ünïcode");
    assertThat(job.get("priority").asInt()).isEqualTo(7);
    assertThat(job.get("max_attempts").asInt()).isEqualTo(4);
    assertThat(job.get("timeout").asLong()).isEqualTo(2000);
    assertThat(job.get("backoff").get("base").asLong()).isEqualTo(100);
    assertThat(job.get("backoff").get("max").asLong()).isEqualTo(1000);
    assertThat(job.get("dedup_key").asText()).isEqualTo("k1");
    assertThat(job.get("rate_key").asText()).isEqualTo("example.com");
    assertThat(job.get("tags")).extracting(JsonNode::asText).containsExactly("a", "b");
    assertThat(job.get("result").get("slept_ms").asInt()).isEqualTo(10);
    assertThat(job.get("errors").isArray()).isTrue();
    assertThat(job.get("worker_id").asText()).isNotEmpty();
    assertThat(Instant.parse(job.get("created_at").asText())).isBeforeOrEqualTo(Instant.now());
    assertThat(job.get("started_at").asText()).endsWith("Z");
    assertThat(job.get("finished_at").asText()).endsWith("Z");
    assertThat(job.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "id",
            "queue",
            "kind",
            "state",
            "priority",
            "attempt",
            "max_attempts",
            "payload",
            "run_at",
            "backoff",
            "timeout",
            "dedup_key",
            "rate_key",
            "tags",
            "run_id",
            "depends_on",
            "progress",
            "result",
            "errors",
            "worker_id",
            "lease_expires_at",
            "created_at",
            "started_at",
            "finished_at");
  }

  @Test
  void enqueueWithTheSameId_isIdempotent() {
    UUID id = Ids.newId();
    String body = "{\"id\":\"" + id + "\",\"kind\":\"noop\"}";

    Response first = api.postJson("/api/v1/jobs", body);
    Response again = api.postJson("/api/v1/jobs", body);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("id").asText()).isEqualTo(id.toString());
    assertThat(again.body().get("created").asBoolean()).isFalse();
  }

  @Test
  void enqueueWithADedupKeyInsideTheWindow_returnsTheFirstJob() {
    String body = "{\"kind\":\"sleep\",\"payload\":{\"ms\":1},\"dedup_key\":\"order-7\"}";

    String first = api.postJson("/api/v1/jobs", body).body().get("id").asText();
    Response second = api.postJson("/api/v1/jobs", body);

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body().get("id").asText()).isEqualTo(first);
  }

  @Test
  void enqueueArray_answersOneEntryPerJobInOrder() {
    Response response =
        api.postJson(
            "/api/v1/jobs",
            "[{\"kind\":\"noop\"},{\"kind\":\"noop\",\"queue\":\"other\"},{\"kind\":\"noop\"}]");

    assertThat(response.status()).isEqualTo(201);
    JsonNode jobs = response.body().get("jobs");
    assertThat(jobs).hasSize(3).allMatch(job -> job.get("created").asBoolean());
    for (JsonNode job : jobs) {
      completed(job.get("id").asText());
    }
  }

  @Test
  void dryRun_checksEveryJob_andStoresNone() {
    String batch = "[{\"kind\":\"noop\"},{\"kind\":\"noop\",\"queue\":\"q\"}]";
    Response good = api.postJson("/api/v1/jobs?dry_run=true", batch);
    Response one = api.postJson("/api/v1/jobs?dry_run=true", "{\"kind\":\"noop\"}");
    Response bad =
        api.postJson("/api/v1/jobs?dry_run=true", "[{\"kind\":\"noop\"},{\"priority\":0}]");
    Response notAFlag = api.postJson("/api/v1/jobs?dry_run=yes", batch);

    assertThat(good.status()).isEqualTo(200);
    assertThat(good.body().toString()).isEqualTo("{\"dry_run\":true,\"jobs\":2}");
    assertThat(one.body().toString()).isEqualTo("{\"dry_run\":true,\"jobs\":1}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("field").asText()).isEqualTo("[1].priority");
    assertThat(notAFlag.status()).isEqualTo(400);
    assertThat(notAFlag.body().get("field").asText()).isEqualTo("dry_run");
    assertThat(server.store().list(JobQuery.all()).jobs()).isEmpty();
  }

  @Test
  void aSurrogatePair_escapedOrNot_comesBackAsTheSameCharacter() {
    String id =
        api.postJson(
                "/api/v1/jobs",
                "{\"kind\":\"noop\",\"payload\":{\"a\":\"\\ud83d\\ude00\",\"b\":\"\ud83d\ude00\"}}")
            .body()
            .get("id")
            .asText();

    JsonNode payload = api.get("/api/v1/jobs/" + id).body().get("payload");

    assertThat(payload.get("a").asText()).isEqualTo("\ud83d\ude00");
    assertThat(payload.get("b").asText()).isEqualTo("\ud83d\ude00");
  }

  @Test
  void delay_makesTheJobScheduled() {
    String id =
        api.postJson("/api/v1/jobs", "{\"kind\":\"noop\",\"delay\":\"1h\"}")
            .body()
            .get("id")
            .asText();

    JsonNode job = api.get("/api/v1/jobs/" + id).body();

    assertThat(job.get("state").asText()).isEqualTo("scheduled");
    assertThat(Instant.parse(job.get("run_at").asText()))
        .isAfter(Instant.now().plus(Duration.ofMinutes(59)));
  }

  @Test
  void sleepWithABadPayload_failsAtOnceWithAClearError() {
    String id =
        api.postJson("/api/v1/jobs", "{\"kind\":\"sleep\",\"payload\":{\"ms\":\"soon\"}}")
            .body()
            .get("id")
            .asText();

    JsonNode job =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> api.get("/api/v1/jobs/" + id).body(),
                j -> j.get("state").asText().equals("failed"));

    assertThat(job.get("attempt").asInt()).isEqualTo(1);
    assertThat(job.get("errors").get(0).get("message").asText()).contains("ms", "0 to 600000");
  }

  @Test
  void sqlAndScriptLookingText_isStoredVerbatim_andComesBackAsJsonStrings() {
    String sql = "x'); DROP TABLE jobs; --";
    String script = "<script>alert(\"hi\")</script>";
    ObjectNode job = ApiClient.JSON.createObjectNode().put("kind", "sleep").put("dedup_key", sql);
    job.putObject("payload").put("ms", 1).put("note", script);
    job.putArray("tags").add(sql).add(script);

    String id = api.postJson("/api/v1/jobs", job.toString()).body().get("id").asText();
    Response shown = api.get("/api/v1/jobs/" + id);

    assertThat(shown.contentType()).startsWith("application/json");
    assertThat(shown.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(shown.body().get("dedup_key").asText()).isEqualTo(sql);
    assertThat(shown.body().get("payload").get("note").asText()).isEqualTo(script);
    assertThat(shown.body().get("tags")).extracting(JsonNode::asText).containsExactly(sql, script);
    assertThat(shown.raw().body()).contains("<script>alert(\\\"hi\\\")</script>");
  }

  @Test
  void getUnknownJob_is404Problem() {
    UUID id = Ids.newId();

    Response response = api.get("/api/v1/jobs/" + id);

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("detail").asText()).contains(id.toString());
  }

  @Test
  void getWithAMalformedId_is400NamingId() {
    Response response = api.get("/api/v1/jobs/not-a-uuid");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("field").asText()).isEqualTo("id");
  }

  private JsonNode completed(String id) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> api.get("/api/v1/jobs/" + id).body(),
            job -> job.get("state").asText().equals("completed"));
  }
}
