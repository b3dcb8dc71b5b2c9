package io.drover.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.server.ApiClient;
import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plan shape our users send, run by a worker that speaks only HTTP: fetch, three analyses in
 * parallel, a summary that reads its parents by step name, an approval completed by a signal, and a
 * step the summary adds at run time.
 */
class RunOverHttpWorkerTest {
  private TestServer server;
  private ApiClient api;

  @BeforeEach
  void start() {
    server = TestServer.start(Map.of(), options -> options.withWorkers(false));
    api = server.api();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void fetchThenThreeAnalysesThenSummarize_approvedBySignal_withAStepAddedAtRunTime() {
    Response created =
        api.postJson(
            "/api/v1/runs",
            """
            {"name": "plan", "input": {"goal": "weekly report"},
             "steps": [
               {"name": "fetch", "queue": "scrape", "kind": "scrape.page",
                "payload": {"url": "http://127.0.0.1/shop"}},
               {"name": "prices", "queue": "llm", "kind": "analyze", "depends_on": ["fetch"]},
               {"name": "stock", "queue": "llm", "kind": "analyze", "depends_on": ["fetch"]},
               {"name": "reviews", "queue": "llm", "kind": "analyze", "depends_on": ["fetch"]},
               {"name": "summarize", "queue": "llm", "kind": "summarize",
                "depends_on": ["prices", "stock", "reviews"]},
               {"name": "approve", "signal": "approval", "timeout": "1h",
                "depends_on": ["summarize"]}]}
            """);
    assertThat(created.status()).isEqualTo(201);
    String runId = created.body().get("id").asText();

    JsonNode fetch = claimOne("scrape");
    assertThat(fetch.get("run_input").get("goal").asText()).isEqualTo("weekly report");
    assertThat(fetch.get("parents").size()).isZero();
    complete(fetch, "{\"result\": {\"html\": \"<p>shop</p>\"}}");

    JsonNode analyses = claim("llm", 10);
    assertThat(analyses).hasSize(3);
    for (JsonNode analysis : analyses) {
      assertThat(analysis.get("parents").get("fetch").get("result").get("html").asText())
          .isEqualTo("<p>shop</p>");
      complete(analysis, "{\"result\": \"" + analysis.get("id").asText() + "\"}");
    }

    JsonNode summarize = claimOne("llm");
    assertThat(summarize.get("kind").asText()).isEqualTo("summarize");
    Map<String, String> seen = new HashMap<>();
    summarize
        .get("parents")
        .fields()
        .forEachRemaining(
            parent -> {
              assertThat(parent.getValue().get("state").asText()).isEqualTo("completed");
              seen.put(parent.getKey(), parent.getValue().get("result").asText());
            });
    assertThat(seen).containsOnlyKeys("prices", "stock", "reviews");
    complete(
        summarize,
        """
        {"result": {"summary": "all good"},
         "add_steps": [{"name": "publish", "queue": "llm", "kind": "publish",
                        "depends_on": ["approve"]}]}
        """);
    assertThat(claim("llm", 10)).as("publish waits for the approval").isEmpty();

    Response approved =
        api.postJson("/api/v1/runs/" + runId + "/signals/approval", "{\"by\": \"ana\"}");
    assertThat(approved.status()).isEqualTo(200);

    JsonNode publish = claimOne("llm");
    assertThat(publish.get("kind").asText()).isEqualTo("publish");
    assertThat(publish.get("parents").get("approve").get("result").get("by").asText())
        .isEqualTo("ana");
    complete(publish, "{\"result\": {\"url\": \"/r/1\"}}");
    JsonNode run = api.get("/api/v1/runs/" + runId).body();
    assertThat(run.get("state").asText()).isEqualTo("completed");
    assertThat(run.get("steps")).hasSize(7);
    assertThat(run.get("output").get("publish").get("url").asText()).isEqualTo("/r/1");
  }

  @Test
  void addStepsFromAJobThatIsNoStep_isA400_andTheJobStaysActive() {
    api.postJson("/api/v1/jobs", "{\"queue\": \"plain\", \"kind\": \"noop\"}");
    JsonNode job = claimOne("plain");

    Response refused =
        api.postJson(
            "/api/v1/jobs/" + job.get("id").asText() + "/complete",
            "{\"lease_token\": "
                + job.get("lease_token").asLong()
                + ", \"add_steps\": [{\"name\": \"x\", \"kind\": \"noop\"}]}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("field").asText()).isEqualTo("add_steps");
    assertThat(api.get("/api/v1/jobs/" + job.get("id").asText()).body().get("state").asText())
        .isEqualTo("active");
  }

  private JsonNode claim(String queue, int max) {
    Response response =
        api.postJson(
            "/api/v1/claims",
            "{\"worker_id\": \"py-1\", \"queues\": [\"" + queue + "\"], \"max\": " + max + "}");
    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    return response.body().get("jobs");
  }

  private JsonNode claimOne(String queue) {
    JsonNode jobs = claim(queue, 1);
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private void complete(JsonNode job, String body) {
    String withToken =
        "{\"lease_token\": " + job.get("lease_token").asLong() + ", " + body.trim().substring(1);
    Response response =
        api.postJson("/api/v1/jobs/" + job.get("id").asText() + "/complete", withToken);
    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    assertThat(response.body().get("state").asText()).isEqualTo("completed");
  }
}
