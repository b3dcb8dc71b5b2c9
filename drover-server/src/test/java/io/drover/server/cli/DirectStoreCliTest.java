package io.drover.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.server.ApiClient;
import io.drover.server.CliProcess;
import io.drover.server.CliProcess.Run;
import io.drover.server.TestRedis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CLI talking straight to a store, as a process of its own: what a user's terminal and pipes
 * see when the store is down, and which stream carries what.
 */
class DirectStoreCliTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "DATABASE_URL, postgres://drover:s3cret@127.0.0.1:PORT/x",
    "REDIS_URL, redis://:s3cret@127.0.0.1:PORT"
  })
  void anUnreachableStore_isOneLineNamingIt_withoutThePassword(String variable, String url)
      throws IOException {
    int port = freePort();

    Run run = CliProcess.run(Map.of(variable, url.replace("PORT", "" + port)), "stats");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("drover: ")
        .contains("127.0.0.1:" + port)
        .doesNotContain("s3cret");
  }

  @Test
  void aBadStoreSetting_isAUsageError_ofOneLine() {
    Run run = CliProcess.run(Map.of("DATABASE_URL", "mysql://db/x"), "stats");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).singleElement().asString().startsWith("drover: ");
  }

  /**
   * The shared Redis keeps {@code appendonly no}, so opening it warns: the warning goes to stderr
   * and stdout stays the JSON a pipe expects ({@code drover jobs show ID | python3 -m json.tool}).
   */
  @Test
  void onRedisWithoutAppendOnly_theWarningGoesToStderr_andStdoutIsTheJob() throws IOException {
    TestRedis.require();
    Map<String, String> redis = Map.of("REDIS_URL", TestRedis.URL);
    String queue = "cli-pipe-" + UUID.randomUUID();
    Run enqueue = CliProcess.run(redis, "enqueue", "--kind", "noop", "--queue", queue);
    assertThat(enqueue.exitCode()).as(enqueue.err()).isZero();
    String id = enqueue.out().trim().substring("enqueued ".length());

    Run show = CliProcess.run(redis, "jobs", "show", id);
    CliProcess.run(redis, "jobs", "delete", id);

    assertThat(show.exitCode()).as(show.err()).isZero();
    assertThat(show.err()).contains("WARN", "appendonly");
    JsonNode job = ApiClient.JSON.readTree(show.out());
    assertThat(job.get("id").asText()).isEqualTo(id);
    assertThat(job.get("queue").asText()).isEqualTo(queue);
  }

  /** A port nothing listens on: bound, read and let go. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
