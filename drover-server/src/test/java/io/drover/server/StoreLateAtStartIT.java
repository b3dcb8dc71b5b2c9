package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.store.jdbc.PostgresUrl;
import io.drover.tck.StallingProxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started before its database (containers started together): it stays alive and says it is
 * not ready, then serves once the database answers, without a restart, having logged the wait once
 * when it began and once when it ended.
 */
class StoreLateAtStartIT {
  @TempDir Path dir;

  @Test
  void server_startedBeforePostgres_isLiveButNotReady_thenReadyWithoutARestart() throws Exception {
    TestPostgres.require();
    String[] place = PostgresUrl.parse(TestPostgres.URL).describe().split("[:/]"); // host:port/db
    int latePort = freePort();
    String schema = TestPostgres.newSchema();
    String url = "postgres://postgres@127.0.0.1:" + latePort + "/" + place[2];
    try (ServerProcess server =
        ServerProcess.start(
            List.of("--database-url", url, "--schema", schema),
            dir.resolve("server.log"),
            Map.of(),
            "--no-workers")) {
      ApiClient api = server.api();
      assertThat(api.get("/health").status()).isEqualTo(200);
      assertThat(api.get("/health/ready").status()).isEqualTo(503);
      ApiClient.Response jobs = api.get("/api/v1/jobs");
      assertThat(jobs.status()).isEqualTo(503);
      assertThat(jobs.body().get("detail").asText())
          .isEqualTo("store unavailable; try again later");
      assertThat(jobs.raw().body()).doesNotContain(String.valueOf(latePort));

      try (StallingProxy database =
          new StallingProxy(place[0], Integer.parseInt(place[1]), latePort)) {
        try {
          await()
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(200))
              .ignoreExceptions()
              .failFast("the server exited", () -> !server.isAlive())
              .until(() -> api.get("/health/ready").status() == 200);
        } catch (RuntimeException e) {
          throw new AssertionError("not ready; log:\n" + server.output(), e);
        }
        ApiClient.Response created =
            api.postJson("/api/v1/jobs", "{\"queue\":\"late\",\"kind\":\"noop\"}");
        assertThat(created.status()).isEqualTo(201);
        server.terminate(Duration.ofSeconds(30));
      }
      String log = server.output();
      assertThat(log.split("start: store unavailable", -1)).as("one WARN for the wait").hasSize(2);
      assertThat(log).contains("start: store available again after");
    } finally {
      TestPostgres.dropSchema(schema);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
