package io.drover.server.http;

import static io.drover.server.http.AuthTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.Job;
import io.drover.JobState;
import io.drover.server.ApiClient;
import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import io.drover.store.WorkerInfo;
import io.drover.tck.Specs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker protocol over HTTP: claim, progress, heartbeat, complete and fail, fenced. */
class LeaseRoutesTest {
  private TestServer server;
  private ApiClient api;

  @BeforeEach
  void start() {
    // No in-process workers: every job here is taken over HTTP. A long poll interval, so a long
    // poll that ends early was ended by a wake-up.
    server =
        TestServer.start(
            Map.of("WORKER_POLL_INTERVAL", "60000"), options -> options.withWorkers(false));
    api = server.api();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void claimProgressHeartbeatComplete_endsCompleted_withTheResultStored() {
    String id = enqueue("{\"queue\":\"emails\",\"kind\":\"send\",\"payload\":{\"to\":\"a@b.c\"}}");

    Response claimed =
        api.postJson(
            "/api/v1/claims",
            "{\"worker_id\":\"py-1\",\"queues\":[\"emails\",\"scrape.*\"],\"max\":5,"
                + "\"lease_seconds\":30}");

    assertThat(claimed.status()).as(claimed.raw().body()).isEqualTo(200);
    JsonNode job = claimed.body().get("jobs").get(0);
    assertThat(claimed.body().get("jobs")).hasSize(1);
    assertThat(job.get("id").asText()).isEqualTo(id);
    assertThat(job.get("state").asText()).isEqualTo("active");
    assertThat(job.get("worker_id").asText()).isEqualTo("py-1");
    assertThat(job.get("payload").get("to").asText()).isEqualTo("a@b.c");
    long token = job.get("lease_token").asLong();
    Instant firstExpiry = Instant.parse(job.get("lease_expires_at").asText());

    Response progress =
        post(id, "progress", "{\"lease_token\":" + token + ",\"percent\":50,\"message\":\"half\"}");
    Response heartbeat =
        post(id, "heartbeat", "{\"lease_token\":" + token + ",\"lease_seconds\":600}");
    JsonNode midway = api.get("/api/v1/jobs/" + id).body();
    Response complete =
        post(id, "complete", "{\"lease_token\":" + token + ",\"result\":{\"sent\":true}}");

    assertThat(progress.status()).as(progress.raw().body()).isEqualTo(200);
    assertThat(progress.body().get("progress").get("percent").asInt()).isEqualTo(50);
    assertThat(midway.get("progress").get("message").asText()).isEqualTo("half");
    assertThat(heartbeat.status()).as(heartbeat.raw().body()).isEqualTo(200);
    assertThat(heartbeat.body().get("id").asText()).isEqualTo(id);
    assertThat(Instant.parse(heartbeat.body().get("lease_expires_at").asText()))
        .isAfter(firstExpiry.plusSeconds(500));
    assertThat(complete.status()).as(complete.raw().body()).isEqualTo(200);
    assertThat(complete.body().get("state").asText()).isEqualTo("completed");
    assertThat(complete.body().get("result").get("sent").asBoolean()).isTrue();
    Job stored = server.store().get(UUID.fromString(id)).orElseThrow();
    assertThat(stored.state()).isEqualTo(JobState.COMPLETED);
    assertThat(stored.result()).isEqualTo("{\"sent\":true}");
    assertThat(api.get("/metrics").raw().body())
        .contains("drover_jobs_completed_total{kind=\"send\",queue=\"emails\"} 1.0");
  }

  @Test
  void aClaim_registersTheWorker_soItIsListedWithItsQueuesAndHost() {
    enqueue("{\"queue\":\"emails\",\"kind\":\"send\"}");

    claim("{\"worker_id\":\"py-1\",\"queues\":[\"emails\"],\"max\":3}");
    claim("{\"worker_id\":\"go-1\",\"queues\":[\"scrape.*\"],\"host\":\"box-7\"}");

    JsonNode workers = api.get("/api/v1/workers").body().get("workers");
    assertThat(workers).extracting(w -> w.get("id").asText()).containsExactly("go-1", "py-1");
    JsonNode python = workers.get(1);
    assertThat(python.get("host").asText()).isEqualTo("127.0.0.1");
    assertThat(python.get("queues")).extracting(JsonNode::asText).containsExactly("emails");
    assertThat(python.get("concurrency").asInt()).isEqualTo(3);
    assertThat(python.get("running").asInt()).isEqualTo(1);
    assertThat(python.get("stale").asBoolean()).isFalse();
    assertThat(workers.get(0).get("host").asText()).isEqualTo("box-7");
  }

  @Test
  void aWorkersRunningCount_isTheJobsItStillHolds() {
    String first = enqueue("{\"queue\":\"emails\",\"kind\":\"send\"}");
    String second = enqueue("{\"queue\":\"emails\",\"kind\":\"send\"}");
    JsonNode jobs = claim("{\"worker_id\":\"py-1\",\"queues\":[\"emails\"],\"max\":5}").get("jobs");
    assertThat(jobs).hasSize(2);
    assertThat(running("py-1")).isEqualTo(2);

    // An empty claim while both still run: still 2 (the count was the last claim's before).
    claim("{\"worker_id\":\"py-1\",\"queues\":[\"emails\"],\"max\":5}");
    assertThat(running("py-1")).isEqualTo(2);

    String token = jobs.get(0).get("lease_token").asText();
    String id = jobs.get(0).get("id").asText();
    assertThat(post(id, "complete", "{\"lease_token\":" + token + "}").status()).isEqualTo(200);
    assertThat(running("py-1")).isEqualTo(1);

    String other = jobs.get(1).get("id").asText();
    String otherToken = jobs.get(1).get("lease_token").asText();
    String failed = "{\"lease_token\":" + otherToken + ",\"error\":{\"message\":\"x\"}}";
    assertThat(post(other, "fail", failed).status()).isEqualTo(200);
    assertThat(running("py-1")).isZero();
    assertThat(List.of(first, second)).containsExactlyInAnyOrder(id, other);
  }

  @Test
  void aJobPastItsLease_isNotCounted_butOneWhoseLeaseWasExtendedIs() {
    // One attempt each: a reaped job fails rather than coming back to the claims below.
    enqueue("{\"queue\":\"emails\",\"kind\":\"send\",\"max_attempts\":1}");
    enqueue("{\"queue\":\"emails\",\"kind\":\"send\",\"max_attempts\":1}");
    String claimBody = "{\"worker_id\":\"py-1\",\"queues\":[\"emails\"],\"max\":5";
    JsonNode jobs = claim(claimBody + ",\"lease_seconds\":1}").get("jobs");
    JsonNode kept = jobs.get(0);
    String extend =
        "{\"lease_token\":" + kept.get("lease_token").asText() + ",\"lease_seconds\":60}";
    assertThat(post(kept.get("id").asText(), "heartbeat", extend).status()).isEqualTo(200);

    // Each claim reports the count; the other job's 1 s lease runs out meanwhile.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              claim(claimBody + "}");
              return running("py-1");
            },
            running -> running == 1);
  }

  @Test
  void aTokenNeverIssued_isRefused_sayingTheLeaseIsNotHeld_notThatItWasClaimedAgain() {
    String id = enqueue("{\"queue\":\"emails\",\"kind\":\"send\"}");
    long token = claimOne(id);

    Response response = post(id, "heartbeat", "{\"lease_token\":" + (token + 1000) + "}");

    assertProblem(response, 409);
    assertThat(response.body().get("detail").asText())
        .isEqualTo(
            "lease not held: job "
                + id
                + " is not held under lease token "
                + (token + 1000)
                + " (its current lease has another token; this one was of a lease that expired,"
                + " or was never issued); stop working on it");
  }

  @Test
  void fail_withRetry_isRetryingAfterTheBackoff_withTheErrorRecorded() {
    String id = enqueue("{\"queue\":\"emails\",\"kind\":\"send\",\"backoff\":{\"base\":\"5s\"}}");
    long token = claimOne(id);
    Instant before = Instant.now();

    Response failed =
        post(
            id,
            "fail",
            "{\"lease_token\":"
                + token
                + ",\"error\":{\"message\":\"smtp down\",\"type\":\"SmtpError\"}}");

    assertThat(failed.status()).as(failed.raw().body()).isEqualTo(200);
    JsonNode job = failed.body();
    assertThat(job.get("state").asText()).isEqualTo("retrying");
    assertThat(job.get("errors")).hasSize(1);
    assertThat(job.get("errors").get(0).get("attempt").asInt()).isEqualTo(1);
    assertThat(job.get("errors").get(0).get("message").asText()).isEqualTo("smtp down");
    assertThat(job.get("errors").get(0).get("stack").asText()).isEqualTo("SmtpError: smtp down");
    assertThat(Instant.parse(job.get("run_at").asText()))
        .isBetween(before.minusMillis(1), Instant.now().plusSeconds(5));
  }

  @Test
  void fail_withRetryFalse_orOnTheLastAttempt_isFailed_andRetryIn_setsWhenItRunsAgain() {
    String noRetry = enqueue("{\"queue\":\"emails\",\"kind\":\"send\"}");
    String lastAttempt = enqueue("{\"queue\":\"emails\",\"kind\":\"send\",\"max_attempts\":1}");
    String later = enqueue("{\"queue\":\"emails\",\"kind\":\"send\"}");
    long noRetryToken = claimOne(noRetry);
    long lastToken = claimOne(lastAttempt);
    long laterToken = claimOne(later);
    String error = "\"error\":{\"message\":\"bad address\"}";

    Response refused =
        post(
            noRetry,
            "fail",
            "{\"lease_token\":" + noRetryToken + "," + error + ",\"retry\":false}");
    Response exhausted =
        post(lastAttempt, "fail", "{\"lease_token\":" + lastToken + "," + error + "}");
    Instant before = Instant.now();
    Response postponed =
        post(
            later,
            "fail",
            "{\"lease_token\":" + laterToken + "," + error + ",\"retry_in_ms\":3600000}");

    assertThat(refused.body().get("state").asText()).isEqualTo("failed");
    assertThat(refused.body().get("finished_at").isNull()).isFalse();
    assertThat(exhausted.body().get("state").asText()).isEqualTo("failed");
    assertThat(postponed.body().get("state").asText()).isEqualTo("retrying");
    assertThat(Instant.parse(postponed.body().get("run_at").asText()))
        .isBetween(before.plusSeconds(3599), Instant.now().plusSeconds(3601));
    assertThat(server.store().get(UUID.fromString(noRetry)).orElseThrow().errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).isEqualTo("bad address"));
  }

  @Test
  void aTokenOfAnEarlierClaim_is409_andChangesNothing_whileTheNewClaimStillHolds() {
    String id =
        enqueue(
            "{\"queue\":\"emails\",\"kind\":\"send\",\"backoff\":{\"base\":0,\"max\":0},"
                + "\"max_attempts\":5}");
    long stale =
        claim("{\"worker_id\":\"frozen\",\"queues\":[\"emails\"],\"lease_seconds\":1}")
            .get("jobs")
            .get(0)
            .get("lease_token")
            .asLong();
    // Reaped here or by the server's own reaper, whichever comes first.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              server.store().reapExpiredLeases(Specs.reap(10));
              return server.store().get(UUID.fromString(id)).orElseThrow().state();
            },
            state -> state != JobState.ACTIVE);
    long fresh = claimOne(id);
    Job before = server.store().get(UUID.fromString(id)).orElseThrow();

    for (String action : new String[] {"heartbeat", "progress", "complete", "fail"}) {
      Response response =
          post(
              id,
              action,
              "{\"lease_token\":"
                  + stale
                  + (action.equals("progress") ? ",\"percent\":10" : "")
                  + (action.equals("fail") ? ",\"error\":{\"message\":\"late\"}" : "")
                  + "}");

      assertProblem(response, 409);
      assertThat(response.body().get("detail").asText()).startsWith("lease not held");
      assertThat(response.body().get("field").asText()).isEqualTo("lease_token");
    }

    assertThat(server.store().get(UUID.fromString(id)).orElseThrow()).isEqualTo(before);
    assertThat(fresh).isGreaterThan(stale);
    assertThat(post(id, "complete", "{\"lease_token\":" + fresh + "}").status()).isEqualTo(200);
  }

  @Test
  void aCancelledOrCompletedJob_answers409_toItsFormerHolder() {
    String cancelled = enqueue("{\"queue\":\"emails\",\"kind\":\"send\"}");
    String completed = enqueue("{\"queue\":\"emails\",\"kind\":\"send\"}");
    long cancelledToken = claimOne(cancelled);
    long completedToken = claimOne(completed);
    api.postJson("/api/v1/jobs/" + cancelled + "/cancel", null);
    post(completed, "complete", "{\"lease_token\":" + completedToken + "}");

    Response late = post(cancelled, "complete", "{\"lease_token\":" + cancelledToken + "}");
    Response twice = post(completed, "complete", "{\"lease_token\":" + completedToken + "}");

    assertProblem(late, 409);
    assertThat(late.body().get("detail").asText()).contains("it is cancelled");
    assertProblem(twice, 409);
    assertThat(server.store().get(UUID.fromString(cancelled)).orElseThrow().state())
        .isEqualTo(JobState.CANCELLED);
  }

  @Test
  void anUnknownJob_is404() {
    Response response = post(UUID.randomUUID().toString(), "complete", "{\"lease_token\":1}");

    assertProblem(response, 404);
  }

  @Test
  void aLongPoll_returnsAJobEnqueuedDuringTheWait() throws Exception {
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      CompletableFuture<Response> poll =
          CompletableFuture.supplyAsync(
              () ->
                  api.postJson(
                      "/api/v1/claims",
                      "{\"worker_id\":\"waiter\",\"queues\":[\"emails\"],\"wait_ms\":30000}"),
              executor);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> server.store().workers().stream().map(WorkerInfo::id).toList(),
              w -> !w.isEmpty());
      enqueue("{\"queue\":\"other\",\"kind\":\"send\"}");
      String id = enqueue("{\"queue\":\"emails\",\"kind\":\"send\"}");

      Response response = poll.get(10, TimeUnit.SECONDS);

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body().get("jobs"))
          .extracting(job -> job.get("id").asText())
          .containsExactly(id);
    }
  }

  @Test
  void aLongPoll_withNothingInItsQueues_answersNoJobsOnceTheWaitIsUp() {
    enqueue("{\"queue\":\"other\",\"kind\":\"send\"}");
    long start = System.nanoTime();

    Response response =
        api.postJson(
            "/api/v1/claims", "{\"worker_id\":\"w\",\"queues\":[\"emails\"],\"wait_ms\":300}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().get("jobs")).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(api.count("waiting")).isEqualTo(1);
  }

  private String enqueue(String job) {
    Response response = api.postJson("/api/v1/jobs", job);
    assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
    return response.body().get("id").asText();
  }

  private JsonNode claim(String body) {
    Response response = api.postJson("/api/v1/claims", body);
    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    return response.body();
  }

  /** Claims the one waiting job {@code id}; returns its lease token. */
  private long claimOne(String id) {
    JsonNode job = claim("{\"worker_id\":\"w\",\"queues\":[\"*\"]}").get("jobs").get(0);
    assertThat(job.get("id").asText()).isEqualTo(id);
    return job.get("lease_token").asLong();
  }

  private int running(String workerId) {
    for (JsonNode worker : api.get("/api/v1/workers").body().get("workers")) {
      if (worker.get("id").asText().equals(workerId)) {
        return worker.get("running").asInt();
      }
    }
    throw new AssertionError("no worker " + workerId);
  }

  private Response post(String id, String action, String body) {
    return api.postJson("/api/v1/jobs/" + id + "/" + action, body);
  }
}
