package io.drover.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.Ids;
import io.drover.server.ApiClient;
import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import io.drover.server.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run routes over HTTP, on a server whose own workers run the built-in kinds. */
class RunRoutesTest {
  @TempDir Path dir;

  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private ApiClient api() {
    if (server == null) {
      server = TestServer.start();
    }
    return server.api();
  }

  @Test
  void aPlan_runsToCompletion_andShowsEveryStepWithItsJob() {
    Response created =
        api()
            .postJson(
                "/api/v1/runs",
                """
                {"name": "plan", "input": {"goal": "summarize"},
                 "steps": [
                   {"name": "fetch", "queue": "scrape", "kind": "noop"},
                   {"name": "tone", "queue": "llm", "kind": "noop", "depends_on": ["fetch"]},
                   {"name": "facts", "queue": "llm", "kind": "noop", "depends_on": ["fetch"]},
                   {"name": "summarize", "queue": "llm", "kind": "noop",
                    "depends_on": ["tone", "facts"]}]}
                """);

    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asText();
    assertThat(created.header("Location")).isEqualTo("/api/v1/runs/" + id);
    assertThat(created.body().get("created").asBoolean()).isTrue();
    JsonNode run = settled(id);
    assertThat(run.get("state").asText()).isEqualTo("completed");
    assertThat(run.get("input").get("goal").asText()).isEqualTo("summarize");
    assertThat(run.get("counts")).isEqualTo(ApiClient.JSON.valueToTree(Map.of("completed", 4)));
    assertThat(run.get("output").has("summarize")).isTrue();
    assertThat(run.get("finished_at").isNull()).isFalse();
    JsonNode summarize = run.get("steps").get(3);
    assertThat(summarize.get("name").asText()).isEqualTo("summarize");
    assertThat(summarize.get("depends_on")).hasSize(2);
    assertThat(summarize.get("run_on").asText()).isEqualTo("completed");
    assertThat(summarize.get("job").get("state").asText()).isEqualTo("completed");
    assertThat(summarize.get("job").get("run_id").asText()).isEqualTo(id);
  }

  @Test
  void aRetriedCreate_withTheSameIdempotencyKey_makesOneRun() {
    String plan = "{\"name\":\"once\",\"steps\":[{\"name\":\"a\",\"kind\":\"noop\"}]}";
    Map<String, String> key =
        Map.of("Content-Type", "application/json", "Idempotency-Key", "order-7-plan");

    Response first = api().request("POST", "/api/v1/runs", key, plan);
    Response again = api().request("POST", "/api/v1/runs", key, plan);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("id")).isEqualTo(first.body().get("id"));
    assertThat(again.body().get("created").asBoolean()).isFalse();
  }

  @Test
  void aBadPlan_isA400NamingTheStep_andStoresNothing() {
    Map<String, String> cases =
        Map.of(
            "{\"name\":\"p\",\"steps\":[{\"name\":\"a\",\"kind\":\"noop\",\"depends_on\":[\"b\"]}]}",
            "steps.a.depends_on",
            "{\"name\":\"p\",\"steps\":[{\"name\":\"a\",\"kind\":\"noop\"},"
                + "{\"name\":\"a\",\"kind\":\"noop\"}]}",
            "steps.a",
            "{\"name\":\"p\",\"steps\":[{\"name\":\"a\",\"kind\":\"noop\",\"depends_on\":[\"b\"]},"
                + "{\"name\":\"b\",\"kind\":\"noop\",\"depends_on\":[\"a\"]}]}",
            "steps.a.depends_on",
            "{\"name\":\"p\",\"steps\":[{\"kind\":\"noop\"}]}",
            "steps[0].name",
            "{\"name\":\"p\",\"steps\":[{\"name\":\"a\",\"kind\":\"noop\",\"run_on\":\"always\"}]}",
            "steps[0].run_on",
            "{\"name\":\"p\",\"steps\":[{\"name\":\"a\",\"signal\":\"ok\",\"priority\":3}]}",
            "steps[0].priority",
            "{\"steps\":[]}",
            "name");
    for (Map.Entry<String, String> bad : cases.entrySet()) {
      Response refused = api().postJson("/api/v1/runs", bad.getKey());

      assertThat(refused.status()).as(bad.getKey()).isEqualTo(400);
      assertThat(refused.body().get("field").asText()).as(bad.getKey()).isEqualTo(bad.getValue());
    }
    assertThat(api().get("/api/v1/runs").body().get("runs")).isEmpty();
    assertThat(api().count("blocked")).isZero();
  }

  @Test
  void aSignal_completesTheApprovalStep_andItsBodyIsTheResult() {
    String id =
        api()
            .postJson(
                "/api/v1/runs",
                """
                {"name": "approval", "steps": [
                  {"name": "draft", "kind": "noop"},
                  {"name": "approve", "signal": "approval", "timeout": "1h",
                   "depends_on": ["draft"]},
                  {"name": "publish", "kind": "noop", "depends_on": ["approve"]}]}
                """)
            .body()
            .get("id")
            .asText();
    await().atMost(Duration.ofSeconds(20)).until(() -> stepState(id, 0).equals("completed"));

    Response signalled =
        api().postJson("/api/v1/runs/" + id + "/signals/approval", "{\"by\": \"ana\"}");

    assertThat(signalled.status()).isEqualTo(200);
    assertThat(signalled.body().get("delivered").asBoolean()).isTrue();
    JsonNode run = settled(id);
    assertThat(run.get("state").asText()).isEqualTo("completed");
    assertThat(run.get("steps").get(1).get("job").get("result").get("by").asText())
        .isEqualTo("ana");
    assertThat(run.get("steps").get(1).get("signal").asText()).isEqualTo("approval");
    Response again = api().postJson("/api/v1/runs/" + id + "/signals/approval", "{}");
    assertThat(again.status()).isEqualTo(409);
    Response unknown = api().postJson("/api/v1/runs/" + id + "/signals/payment", "{}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().get("field").asText()).isEqualTo("signal");
  }

  @Test
  void cancelRetryAndDelete_actOnTheWholeRun() {
    server = TestServer.start(Map.of(), options -> options.withWorkers(false));
    String id =
        api()
            .postJson(
                "/api/v1/runs",
                "{\"name\":\"p\",\"steps\":[{\"name\":\"a\",\"kind\":\"noop\"},"
                    + "{\"name\":\"b\",\"kind\":\"noop\",\"depends_on\":[\"a\"]}]}")
            .body()
            .get("id")
            .asText();
    assertThat(api().send("DELETE", "/api/v1/runs/" + id, null, null).status()).isEqualTo(409);

    Response cancelled = api().postJson("/api/v1/runs/" + id + "/cancel", "");

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.body().get("state").asText()).isEqualTo("cancelled");
    assertThat(cancelled.body().get("counts").get("cancelled").asInt()).isEqualTo(2);
    String stepJob = run(id).get("steps").get(0).get("job").get("id").asText();
    assertThat(api().send("DELETE", "/api/v1/jobs/" + stepJob, null, null).status()).isEqualTo(409);
    Response retried = api().postJson("/api/v1/runs/" + id + "/retry", "");
    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.body().get("state").asText()).isEqualTo("running");
    assertThat(retried.body().get("counts"))
        .isEqualTo(ApiClient.JSON.valueToTree(Map.of("waiting", 1, "blocked", 1)));
    api().postJson("/api/v1/runs/" + id + "/cancel", "");
    assertThat(api().send("DELETE", "/api/v1/runs/" + id, null, null).status()).isEqualTo(204);
    assertThat(api().get("/api/v1/runs/" + id).status()).isEqualTo(404);
    assertThat(api().get("/api/v1/jobs/" + stepJob).status()).isEqualTo(404);
  }

  @Test
  void listing_filtersByStateAndName_andPages() {
    server = TestServer.start(Map.of(), options -> options.withWorkers(false));
    for (int i = 0; i < 3; i++) {
      assertThat(api().postJson("/api/v1/runs", "{\"name\":\"nightly\",\"steps\":[]}").status())
          .isEqualTo(201);
    }
    api()
        .postJson(
            "/api/v1/runs", "{\"name\":\"adhoc\",\"steps\":[{\"name\":\"a\",\"kind\":\"noop\"}]}");

    Response page = api().get("/api/v1/runs?name=nightly&state=completed&limit=2");

    assertThat(page.body().get("runs")).hasSize(2);
    String cursor = page.body().get("next_cursor").asText();
    assertThat(api().get("/api/v1/runs?name=nightly&limit=2&cursor=" + cursor).body().get("runs"))
        .hasSize(1);
    assertThat(api().get("/api/v1/runs?state=running").body().get("runs")).hasSize(1);
    assertThat(api().get("/api/v1/runs?state=stuck").status()).isEqualTo(400);
    assertThat(api().get("/api/v1/runs?colour=red").body().get("field").asText())
        .isEqualTo("colour");
    assertThat(api().get("/api/v1/runs/" + Ids.newId()).status()).isEqualTo(404);
  }

  @Test
  void aProducer_mayCreateRunsOnlyInItsQueues() {
    TestTokens tokens = TestTokens.write(dir);
    server = TestServer.start(tokens.setting(), options -> options.withWorkers(false));
    ApiClient producer = server.api().withToken(tokens.secret("producer"));

    Response outside =
        producer.postJson(
            "/api/v1/runs",
            "{\"name\":\"p\",\"steps\":[{\"name\":\"a\",\"queue\":\"email\",\"kind\":\"noop\"},"
                + "{\"name\":\"b\",\"queue\":\"billing\",\"kind\":\"noop\"}]}");
    Response inside =
        producer.postJson(
            "/api/v1/runs",
            "{\"name\":\"p\",\"steps\":[{\"name\":\"a\",\"queue\":\"email\",\"kind\":\"noop\"},"
                + "{\"name\":\"b\",\"queue\":\"scrape.x\",\"kind\":\"noop\"}]}");

    assertThat(outside.status()).isEqualTo(403);
    assertThat(outside.body().get("field").asText()).isEqualTo("steps.b.queue");
    assertThat(inside.status()).isEqualTo(201);
    assertThat(producer.get("/api/v1/runs").status()).isEqualTo(403);
  }

  private JsonNode run(String id) {
    Response response = api().get("/api/v1/runs/" + UUID.fromString(id));
    assertThat(response.status()).isEqualTo(200);
    return response.body();
  }

  private String stepState(String id, int step) {
    return run(id).get("steps").get(step).get("job").get("state").asText();
  }

  private JsonNode settled(String id) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> run(id), run -> !run.get("state").asText().equals("running"));
  }
}
