package io.drover.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.Job;
import io.drover.JobState;
import io.drover.limit.LimitStore;
import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import io.drover.store.Capabilities;
import io.drover.store.ForwardingJobStore;
import io.drover.store.JobQuery;
import io.drover.time.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The limit routes over HTTP, and a limit holding the server's own workers back. */
class LimitRoutesTest {
  private static final String PER_DOMAIN =
      """
      {"queues": ["scrape.*"], "concurrency": 2, "rate": {"limit": 2, "per": "1s"}}
      """;

  @TempDir Path dir;

  @AutoClose private TestServer server;

  private TestServer server() {
    if (server == null) {
      server = TestServer.start(Map.of("DROVER_QUEUES", "crawl", "WORKER_POLL_INTERVAL", "50"));
    }
    return server;
  }

  private Response put(String name, String body) {
    return server().api().send("PUT", "/api/v1/limits/" + name, "application/json", body);
  }

  @Test
  void put_createsThenReplaces_andTheLimitIsListedShownAndDeleted() {
    Response created = put("per-domain", PER_DOMAIN);

    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.body();
    assertThat(body.get("name").asText()).isEqualTo("per-domain");
    assertThat(body.get("queues").get(0).asText()).isEqualTo("scrape.*");
    assertThat(body.get("rate").get("limit").asInt()).isEqualTo(2);
    assertThat(body.get("rate").get("per").asLong()).isEqualTo(1000);
    assertThat(body.get("rate").get("burst").asInt()).isEqualTo(1);
    assertThat(body.get("concurrency").asInt()).isEqualTo(2);
    assertThat(body.get("queue_concurrency").isNull()).isTrue();
    assertThat(server().store().limits().limit("per-domain")).isPresent();

    assertThat(put("per-domain", PER_DOMAIN.replace("2,", "5,")).status()).isEqualTo(200);
    assertThat(server().api().get("/api/v1/limits").body().get("limits")).hasSize(1);
    JsonNode shown = server().api().get("/api/v1/limits/per-domain").body();
    assertThat(shown.get("concurrency").asInt()).isEqualTo(5);
    assertThat(shown.get("active").asLong()).isZero();
    assertThat(shown.get("held")).isEmpty();

    assertThat(server().api().send("DELETE", "/api/v1/limits/per-domain", null, null).status())
        .isEqualTo(204);
    assertThat(server().api().get("/api/v1/limits/per-domain").status()).isEqualTo(404);
    assertThat(server().store().limits().limits()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"concurrency\": 2} | queues",
        "{\"queues\": [\"a b\"], \"concurrency\": 2} | queues",
        "{\"queues\": [\"scrape\"]} | limit",
        "{\"queues\": [\"scrape\"], \"concurrency\": 0} | concurrency",
        "{\"queues\": [\"scrape\"], \"queue_concurrency\": \"x\"} | queue_concurrency",
        "{\"queues\": [\"scrape\"], \"rate\": {\"limit\": 2}} | rate",
        "{\"queues\": [\"scrape\"], \"rate\": {\"limit\": 2, \"per\": \"0s\"}} | rate.per",
        "{\"queues\": [\"scrape\"], \"rate\": {\"limit\": 2, \"per\": \"1s\", \"burst\": 3}} | rate.burst",
        "{\"queues\": [\"scrape\"], \"rate\": {\"limit\": 2, \"per\": \"1s\", \"every\": 3}} | rate.every",
        "{\"queues\": [\"scrape\"], \"concurrency\": 1, \"speed\": 3} | speed",
        "{\"name\": \"other\", \"queues\": [\"scrape\"], \"concurrency\": 1} | name",
        "[] | limit",
      })
  void aBadDefinition_is400NamingTheField_andStoresNothing(String body, String field) {
    Response refused = put("bad", body);

    assertThat(refused.status()).as(refused.raw().body()).isEqualTo(400);
    assertThat(refused.body().get("field").asText()).isEqualTo(field);
    assertThat(server().store().limits().limits()).isEmpty();
  }

  @Test
  void aStoreThatEnforcesNoLimits_answers501() {
    server =
        TestServer.start(
            Map.of(),
            UnaryOperator.identity(),
            store ->
                new ForwardingJobStore(store) {
                  @Override
                  public boolean supportsLimits() {
                    return false;
                  }

                  @Override
                  public LimitStore limits() {
                    Capabilities.requireLimits(this);
                    return super.limits();
                  }
                });

    Response refused = put("per-domain", PER_DOMAIN);

    assertThat(refused.status()).isEqualTo(501);
    assertThat(refused.body().get("detail").asText()).contains("limits");
    assertThat(server.api().get("/api/v1/limits").status()).isEqualTo(501);
  }

  @Test
  void aMissingLimit_is404() {
    assertThat(server().api().get("/api/v1/limits/none").status()).isEqualTo(404);
    assertThat(server().api().send("DELETE", "/api/v1/limits/none", null, null).status())
        .isEqualTo(404);
  }

  @Test
  void aConcurrencyCap_holdsTheServersWorkersToOneJobOfAKeyAtATime_whileOtherKeysRun() {
    assertThat(put("one-per-shop", "{\"queues\": [\"crawl\"], \"concurrency\": 1}").status())
        .isEqualTo(201);
    for (String shop : List.of("a", "a", "a", "b")) {
      Response enqueued =
          server()
              .api()
              .postJson(
                  "/api/v1/jobs",
                  "{\"queue\": \"crawl\", \"kind\": \"sleep\", \"payload\": {\"ms\": 150},"
                      + " \"rate_key\": \""
                      + shop
                      + "\"}");
      assertThat(enqueued.status()).isEqualTo(201);
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> server().api().count("completed") == 4);

    List<Job> jobs = server().store().list(JobQuery.all().withQueue("crawl")).jobs();
    assertThat(jobs).extracting(Job::state).containsOnly(JobState.COMPLETED);
    List<Job> shopA =
        jobs.stream()
            .filter(job -> job.rateKey().equals("a"))
            .sorted(Comparator.comparing(Job::startedAt))
            .toList();
    for (int i = 1; i < shopA.size(); i++) {
      assertThat(shopA.get(i).startedAt())
          .as("shop a's job %d starts after the one before it finished", i)
          .isAfterOrEqualTo(shopA.get(i - 1).finishedAt());
    }
    Job shopB = jobs.stream().filter(job -> job.rateKey().equals("b")).findFirst().orElseThrow();
    assertThat(shopB.startedAt())
        .as("shop b does not wait for shop a's backlog")
        .isBefore(shopA.get(1).startedAt());
  }

  @Test
  void aHeldJob_saysWhichLimitHoldsIt_andMetricsAndHealthShowWhatTheLimitHoldsBack() {
    SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    server = TestServer.startAt(clock, Map.of("DROVER_OLDEST_AGE_WARN_SECONDS", "60"));
    assertThat(put("one-per-shop", "{\"queues\": [\"crawl\"], \"concurrency\": 1}").status())
        .isEqualTo(201);
    String first = enqueue("a");
    String second = enqueue("a");
    Response claimed =
        server
            .api()
            .postJson(
                "/api/v1/claims", "{\"worker_id\": \"w\", \"queues\": [\"crawl\"], \"max\": 5}");
    assertThat(claimed.body().get("jobs"))
        .extracting(job -> job.get("id").asText())
        .containsExactly(first);

    JsonNode held = server.api().get("/api/v1/jobs/" + second).body();
    assertThat(held.get("state").asText()).isEqualTo("waiting");
    assertThat(held.get("attempt").asInt()).isZero();
    assertThat(held.get("held_by").get("limit").asText()).isEqualTo("one-per-shop");
    assertThat(held.get("held_by").get("next_start").isNull()).isTrue();
    assertThat(server.api().get("/api/v1/jobs/" + first).body().has("held_by")).isFalse();
    JsonNode status = server.api().get("/api/v1/limits/one-per-shop").body();
    assertThat(status.get("held").get(0).get("oldest_due").asText())
        .isEqualTo("2030-01-01T00:00:00Z");
    assertThat(status.get("recent_starts").asLong()).isEqualTo(1);
    assertThat(status.get("starts_window").asLong())
        .as("a minute, without a rate")
        .isEqualTo(60_000);
    assertThat(server.api().get("/metrics").raw().body())
        .contains("drover_limit_recent_starts{limit=\"one-per-shop\"} 1.0")
        .contains("drover_limit_held_jobs{limit=\"one-per-shop\"} 1.0")
        .contains("drover_limit_active{limit=\"one-per-shop\"} 1.0");
    assertThat(
            server.api().get("/health/comprehensive").body().at("/checks/limits/status").asText())
        .isEqualTo("ok");

    clock.advance(Duration.ofMinutes(2));

    JsonNode health = server.api().get("/health/comprehensive").body();
    assertThat(health.at("/checks/limits/status").asText()).isEqualTo("degraded");
    assertThat(health.at("/checks/limits/message").asText())
        .isEqualTo("one-per-shop has held a job back 120 s (warn above 60 s)");
  }

  private String enqueue(String shop) {
    Response enqueued =
        server
            .api()
            .postJson(
                "/api/v1/jobs",
                "{\"queue\": \"crawl\", \"kind\": \"noop\", \"rate_key\": \"" + shop + "\"}");
    assertThat(enqueued.status()).isEqualTo(201);
    return enqueued.body().get("id").asText();
  }

  @Test
  void aLimitsFile_isAppliedAtStart_andABadOneStopsTheStartNamingTheEntry() throws Exception {
    Path file = dir.resolve("limits.yaml");
    Files.writeString(
        file,
        """
        limits:
          - {name: per-domain, queues: ["scrape.*"], concurrency: 2, rate: {limit: 2, per: 1s}}
          - {name: tenants, queues: [sync], fair: true}
        """);
    server = TestServer.start(Map.of("DROVER_LIMITS_FILE", file.toString()));

    assertThat(server.api().get("/api/v1/limits").body().get("limits")).hasSize(2);
    server.close();
    server = null;

    Files.writeString(
        file, "limits:\n  - {name: ok, queues: [a], fair: true}\n  - {name: bad, queues: [b]}\n");
    assertThatThrownBy(() -> TestServer.start(Map.of("DROVER_LIMITS_FILE", file.toString())))
        .hasMessageContaining("limits[1].limit");
  }
}
