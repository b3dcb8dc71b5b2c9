package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.server.auth.TokenFile;
import io.drover.server.config.ConfigLoader;
import io.drover.server.config.ServerConfig;
import io.drover.server.store.StoreChoice;
import io.drover.server.store.StoreFactory;
import io.drover.tck.faults.ThrowawayRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producers during a store outage (issue 11, item 4): a Redis of the test's own is stopped, the API
 * spools what is posted (202, fast once the breaker is open), and when Redis is back every spooled
 * job exists once and runs.
 */
class SpoolOutageIT {
  private static final int JOBS = 200;
  private static final Duration OUTAGE = Duration.ofSeconds(10);

  @TempDir Path dataDir;

  @Test
  void tenSecondOutage_200Enqueues_allExistOnceAfterwards_andRun() throws Exception {
    try (ThrowawayRedis redis = ThrowawayRedis.start("everysec");
        DroverServer server = start(redis, Map.of())) {
      ApiClient api = new ApiClient(server.port());
      redis.shutdown();
      long outageStarted = System.nanoTime();

      Set<String> ids = new LinkedHashSet<>();
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        long started = System.nanoTime();
        ApiClient.Response answer =
            api.postJson("/api/v1/jobs", "{\"kind\":\"noop\",\"payload\":{\"i\":" + i + "}}");
        millis.add((System.nanoTime() - started) / 1_000_000);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
        assertThat(answer.body().get("spooled").asBoolean()).isTrue();
        assertThat(answer.body().get("created").asBoolean()).isFalse();
        ids.add(answer.body().get("id").asText());
      }
      assertThat(ids).hasSize(JOBS);
      // Redis refuses connections at once, so even the calls before the breaker opened are quick;
      // after it opened none touches the store.
      assertThat(millis.subList(10, JOBS)).allSatisfy(ms -> assertThat(ms).isLessThan(500));

      JsonNode health = api.get("/health/comprehensive?verbose=true").body();
      assertThat(health.get("status").asText()).isEqualTo("degraded");
      assertThat(health.at("/checks/spool/status").asText()).isEqualTo("degraded");
      assertThat(health.at("/checks/spool/details/depth").asInt()).isEqualTo(JOBS);
      assertThat(health.at("/checks/spool/details/breaker").asText()).isEqualTo("open");
      assertThat(health.at("/checks/store/status").asText()).isEqualTo("degraded");

      long left = OUTAGE.toNanos() - (System.nanoTime() - outageStarted);
      if (left > 0) {
        Thread.sleep(Duration.ofNanos(left)); // the outage lasts its full ten seconds
      }
      redis.startAgain();
      long back = System.nanoTime();

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions() // the API answers 503 until the store is back
          .until(() -> api.count("completed") == JOBS);
      // The figures docs/reliability.md quotes.
      System.out.printf(
          "RESULT spool-outage jobs=%d max_enqueue_ms=%d median_enqueue_ms=%d"
              + " all_completed_after_store_back_ms=%d%n",
          JOBS,
          millis.stream().mapToLong(Long::longValue).max().orElseThrow(),
          millis.stream().sorted().toList().get(JOBS / 2),
          (System.nanoTime() - back) / 1_000_000);
      for (String id : ids) {
        JsonNode job = api.get("/api/v1/jobs/" + id).body();
        assertThat(job.get("state").asText()).isEqualTo("completed");
        assertThat(job.get("attempt").asInt()).isEqualTo(1);
      }
      assertThat(api.count("waiting") + api.count("active") + api.count("failed")).isZero();
      String metrics = api.get("/metrics").raw().body();
      assertThat(metrics).contains("drover_spool_spooled_jobs_total " + JOBS + ".0");
      assertThat(metrics).contains("drover_spool_forwarded_jobs_total " + JOBS + ".0");
      assertThat(metrics).contains("drover_spool_depth 0.0");
      assertThat(api.get("/health/comprehensive").body().at("/checks/spool/status").asText())
          .isEqualTo("ok");
    }
  }

  @Test
  void fullSpool_answers503WithRetryAfter_andTakesNoPartOfABatch() throws Exception {
    try (ThrowawayRedis redis = ThrowawayRedis.start("everysec");
        DroverServer server =
            start(redis, Map.of("DROVER_SPOOL_MAX_JOBS", "3", "DROVER_CONCURRENCY", "1"))) {
      ApiClient api = new ApiClient(server.port());
      redis.shutdown();
      assertThat(api.postJson("/api/v1/jobs", "[{\"kind\":\"noop\"},{\"kind\":\"noop\"}]").status())
          .isEqualTo(202);

      ApiClient.Response full =
          api.postJson("/api/v1/jobs", "[{\"kind\":\"noop\"},{\"kind\":\"noop\"}]");

      assertThat(full.status()).isEqualTo(503);
      assertThat(full.header("Retry-After")).isEqualTo("10");
      assertThat(full.body().get("detail").asText())
          .startsWith("the store is unreachable and the spool is full (2 of 3 jobs, ");
      assertThat(server.drover().spool().orElseThrow().stats().depth()).isEqualTo(2);
      assertThat(api.postJson("/api/v1/jobs", "{\"kind\":\"noop\"}").status()).isEqualTo(202);
    }
  }

  @Test
  void batchWithIdempotencyKey_spooledTwice_isOneJobEach_forwardedByTheNextProcess()
      throws Exception {
    String batch = "[{\"kind\":\"noop\",\"queue\":\"b\"},{\"kind\":\"noop\",\"queue\":\"b\"}]";
    Map<String, String> headers =
        Map.of("Content-Type", "application/json", "Idempotency-Key", "order-42");
    List<String> ids = new ArrayList<>();
    try (ThrowawayRedis redis = ThrowawayRedis.start("everysec")) {
      try (DroverServer first = start(redis, Map.of())) {
        ApiClient api = new ApiClient(first.port());
        redis.shutdown();
        for (int attempt = 0; attempt < 2; attempt++) {
          ApiClient.Response answer = api.request("POST", "/api/v1/jobs", headers, batch);
          assertThat(answer.status()).isEqualTo(202);
          List<String> got = new ArrayList<>();
          answer.body().get("jobs").forEach(job -> got.add(job.get("id").asText()));
          if (attempt == 0) {
            ids.addAll(got);
          } else {
            assertThat(got).as("the same key makes the same ids").isEqualTo(ids);
          }
        }
      } // the process ends with four jobs' records still spooled
      redis.startAgain();

      try (DroverServer second = start(redis, Map.of())) {
        ApiClient api = new ApiClient(second.port());
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptions() // the API answers 503 until the store is back
            .until(() -> api.count("completed") == 2);
        for (String id : ids) {
          assertThat(api.get("/api/v1/jobs/" + id).status()).isEqualTo(200);
        }
        assertThat(second.drover().spool().orElseThrow().stats().forwarded()).isEqualTo(4);
      }
    }
  }

  /** A server on the given Redis, with its spool under this test's data directory. */
  private DroverServer start(ThrowawayRedis redis, Map<String, String> settings) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "DROVER_STORE", "redis",
                "DROVER_REDIS_URL", redis.url(),
                "DROVER_PORT", "0",
                "DROVER_DATA_DIR", dataDir.toString(),
                "WORKER_POLL_INTERVAL", "100"));
    env.putAll(settings);
    ServerConfig config = ConfigLoader.load(Map.of(), env);
    InstantSource clock = InstantSource.system();
    return DroverServer.start(
        config,
        ServerOptions.defaults().withTokens(TokenFile.load(null)),
        StoreFactory.open(StoreChoice.of(config), clock),
        clock);
  }
}
