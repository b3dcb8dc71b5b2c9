package io.drover.server.http;

import static io.drover.server.http.AuthTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.server.ApiClient;
import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import io.drover.server.auth.Secrets;
import io.drover.time.SettableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API rate limits (issue 14): a burst, then 429 with Retry-After and RateLimit-* headers, a bucket
 * per token or per client address, a rate per role, the probes and metrics never limited. Time is a
 * settable clock, so refills are clock moves, not sleeps.
 */
class ApiRateLimitTest {
  private static final String STATS = "/api/v1/stats";

  @TempDir Path dir;

  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T09:00:00Z"));
  @AutoClose private TestServer server;

  @Test
  void aBurstIsServed_thenA429ProblemWithRetryAfterAndRateLimitHeaders() {
    // Without tokens every caller is admin, limited per client address.
    ApiClient api = start(Map.of("DROVER_API_RATE", "admin=1/s:3"));

    List<Response> burst = IntStream.range(0, 3).mapToObj(i -> api.get(STATS)).toList();
    Response refused = api.get(STATS);

    assertThat(burst).extracting(Response::status).containsExactly(200, 200, 200);
    assertThat(burst).extracting(r -> r.header("RateLimit-Limit")).containsOnly("3");
    assertThat(burst)
        .extracting(r -> r.header("RateLimit-Remaining"))
        .containsExactly("2", "1", "0");
    assertThat(burst).extracting(r -> r.header("RateLimit-Reset")).containsExactly("1", "2", "3");
    assertThat(burst).extracting(r -> r.header("Retry-After")).containsOnlyNulls();
    assertProblem(refused, 429);
    assertThat(refused.body().get("type").asText()).isEqualTo("about:blank");
    assertThat(refused.body().get("title").asText()).isEqualTo("Too Many Requests");
    assertThat(refused.body().get("status").asInt()).isEqualTo(429);
    assertThat(refused.body().get("detail").asText())
        .isEqualTo(
            "client 127.0.0.1 is over its rate limit (1 request per second, bursts up to 3);"
                + " retry in 1 s");
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(refused.header("RateLimit-Limit")).isEqualTo("3");
    assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(refused.header("RateLimit-Reset")).isEqualTo("3");
    assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void retryAfter_isTheWaitForOneRequest_roundedUp_andTheBucketRefillsAsTheClockMoves() {
    ApiClient api = start(Map.of("DROVER_API_RATE", "admin=1/m:1"));

    Response first = api.get(STATS);
    Response second = api.get(STATS);
    clock.advance(Duration.ofMillis(59_500));
    Response almost = api.get(STATS);
    clock.advance(Duration.ofMillis(500));
    Response refilled = api.get(STATS);
    Response again = api.get(STATS);

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.header("Retry-After")).isEqualTo("60");
    assertThat(almost.status()).isEqualTo(429);
    assertThat(almost.header("Retry-After")).isEqualTo("1");
    assertThat(refilled.status()).isEqualTo(200);
    assertThat(refilled.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(again.status()).isEqualTo(429);
  }

  @Test
  void aRefusedRequestHasDoneNothing() {
    ApiClient api = start(Map.of("DROVER_API_RATE", "admin=1/m:1"));
    UUID second = UUID.randomUUID();

    Response stored = api.postJson("/api/v1/jobs", "{\"queue\":\"demo\",\"kind\":\"noop\"}");
    Response refused =
        api.postJson(
            "/api/v1/jobs", "{\"id\":\"" + second + "\",\"queue\":\"demo\",\"kind\":\"noop\"}");

    assertThat(stored.status()).isEqualTo(201);
    assertProblem(refused, 429);
    assertThat(server.store().get(second)).isEmpty();
  }

  @Test
  void eachTokenHasABucketOfItsOwn() throws IOException {
    Map<String, String> secrets = tokens("shop-a", "producer", "shop-b", "producer");
    start(Map.of("DROVER_API_RATE", "producer=1/m:2", "DROVER_TOKENS_FILE", tokensFile()));
    ApiClient shopA = server.api().withToken(secrets.get("shop-a"));
    ApiClient shopB = server.api().withToken(secrets.get("shop-b"));

    List<Integer> a = IntStream.range(0, 3).mapToObj(i -> shopA.get(STATS).status()).toList();
    Response b = shopB.get(STATS);

    assertThat(a).containsExactly(200, 200, 429);
    assertThat(b.status()).isEqualTo(200);
    assertThat(b.header("RateLimit-Remaining")).isEqualTo("1");
    assertThat(shopA.get(STATS).raw().body())
        .contains("token 'shop-a' (role producer) is over its rate limit");
  }

  @Test
  void withoutTokens_eachClientAddressHasABucketOfItsOwn() throws Exception {
    ApiClient api = start(Map.of("DROVER_API_RATE", "admin=1/m:1"));

    int fromFirst = api.get(STATS).status();
    int fromFirstAgain = api.get(STATS).status();
    // The whole of 127.0.0.0/8 is loopback: a second client, calling from another address.
    HttpResponse<String> fromSecond = getFrom(InetAddress.getByName("127.0.0.2"), api, STATS);

    assertThat(fromFirst).isEqualTo(200);
    assertThat(fromFirstAgain).isEqualTo(429);
    assertThat(fromSecond.statusCode()).isEqualTo(200);
    assertThat(fromSecond.headers().firstValue("RateLimit-Remaining")).hasValue("0");
  }

  @Test
  void eachRoleHasItsRate_starSetsTheRolesNotNamed_andOffLeavesARoleUnlimited() throws IOException {
    Map<String, String> secrets =
        tokens("ci", "producer", "py-1", "worker", "grafana", "viewer", "ops", "admin");
    start(
        Map.of(
            "DROVER_API_RATE",
            "producer=1/m:1,worker=1/m:2,*=1/m:3,admin=off",
            "DROVER_TOKENS_FILE",
            tokensFile()));

    assertThat(statuses(secrets.get("ci"), 2)).containsExactly(200, 429);
    assertThat(statuses(secrets.get("py-1"), 3)).containsExactly(200, 200, 429);
    assertThat(statuses(secrets.get("grafana"), 4)).containsExactly(200, 200, 200, 429);
    assertThat(statuses(secrets.get("ops"), 10)).containsOnly(200);
    assertThat(server.api().withToken(secrets.get("ops")).get(STATS).header("RateLimit-Limit"))
        .as("no limit, no RateLimit headers")
        .isNull();
  }

  @Test
  void theProbesAndMetricsAreNeverLimited_theDetailedHealthReportIs() {
    ApiClient api = start(Map.of("DROVER_API_RATE", "admin=1/m:1"));
    assertThat(api.get(STATS).status()).isEqualTo(200);
    assertThat(api.get(STATS).status()).isEqualTo(429);

    for (String path : List.of("/health", "/health/ready", "/metrics")) {
      for (int i = 0; i < 3; i++) {
        Response response = api.get(path);
        assertThat(response.status()).as(path).isEqualTo(200);
        assertThat(response.header("RateLimit-Limit")).as(path).isNull();
      }
    }
    assertProblem(api.get("/health/comprehensive"), 429);
  }

  @Test
  void withCors_browsersMayReadTheHeaders() {
    ApiClient api =
        start(
            Map.of(
                "DROVER_API_RATE",
                "admin=1/m:1",
                "DROVER_CORS_ORIGINS",
                "https://ops.example.com"));

    Response response =
        api.request("GET", STATS, Map.of("Origin", "https://ops.example.com"), null);

    assertThat(response.header("Access-Control-Expose-Headers"))
        .contains("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After");
  }

  @Test
  void byDefault_nothingIsLimited() {
    ApiClient api = start(Map.of());

    List<Response> answers = IntStream.range(0, 50).mapToObj(i -> api.get(STATS)).toList();

    assertThat(answers).extracting(Response::status).containsOnly(200);
    assertThat(answers).extracting(r -> r.header("RateLimit-Limit")).containsOnlyNulls();
  }

  private ApiClient start(Map<String, String> settings) {
    server = TestServer.startAt(clock, settings);
    return server.api();
  }

  private List<Integer> statuses(String secret, int requests) {
    ApiClient api = server.api().withToken(secret);
    return IntStream.range(0, requests).mapToObj(i -> api.get(STATS).status()).toList();
  }

  /** Writes a tokens file of {@code name, role} pairs with fresh secrets; returns the secrets. */
  private Map<String, String> tokens(String... nameThenRole) throws IOException {
    Map<String, String> secrets = new HashMap<>();
    StringJoiner entries = new StringJoiner(",", "[", "]");
    for (int i = 0; i < nameThenRole.length; i += 2) {
      String secret = Secrets.newSecret();
      secrets.put(nameThenRole[i], secret);
      entries.add(
          "{\"name\":\"%s\",\"role\":\"%s\",\"queues\":[\"*\"],\"sha256\":\"%s\"}"
              .formatted(nameThenRole[i], nameThenRole[i + 1], Secrets.sha256Hex(secret)));
    }
    Files.writeString(dir.resolve("tokens.json"), entries.toString());
    return secrets;
  }

  private String tokensFile() {
    return dir.resolve("tokens.json").toString();
  }

  private static HttpResponse<String> getFrom(InetAddress source, ApiClient api, String path)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().localAddress(source).build();
    return client.send(
        HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
