package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.server.Cli.Run;
import io.drover.server.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roles of the jar as the command line offers them, and what they refuse before starting. */
class RolesTest {
  @TempDir Path dir;

  @Test
  void aServerWithoutTokens_refusesANonLoopbackAddress_exit2SayingWhy() {
    Run run = Cli.run(Map.of("DROVER_STORE", "memory"), "server", "--host", "0.0.0.0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("drover: host 0.0.0.0 is not a loopback address")
        .contains("--tokens-file");
  }

  @Test
  void theHostVariable_isReadToo() {
    Run run = Cli.run(Map.of("DROVER_STORE", "memory", "HOST", "0.0.0.0"), "server");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("host 0.0.0.0 is not a loopback address");
  }

  @Test
  void aBrokenTokensFile_exits2NamingTheFileAndEntry() throws Exception {
    Path tokens = Files.writeString(dir.resolve("tokens.json"), "[{\"name\":\"x\"}]");

    Run run =
        Cli.run(Map.of("DROVER_STORE", "memory"), "server", "--tokens-file", tokens.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("drover: tokensFile " + tokens + ": [0].role must be a string");
  }

  @Test
  void serverHelp_offersTheSwitchesThatTurnPartsOff() {
    Run run = Cli.run(Map.of(), "server", "--help");

    assertThat(run.out()).contains("--no-workers", "--no-maintenance", "--tokens-file", "HOST");
  }

  @Test
  void workerHelp_hasTheStoreAndPoolSettings_butNoneOfTheHttpOnes() {
    Run run = Cli.run(Map.of(), "worker", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--queues", "--concurrency", "--store", "--no-maintenance");
    for (Setting<?> httpOnly :
        List.of(Setting.HOST, Setting.PORT, Setting.TOKENS_FILE, Setting.CORS_ORIGINS)) {
      assertThat(run.out()).doesNotContain(httpOnly.flag() + " ");
    }
  }

  @Test
  void aWorkerWithABadSetting_exits2() {
    Run run = Cli.run(Map.of("DROVER_STORE", "memory"), "worker", "--queues", "a b");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("drover: --queues=a b: queues must be comma-separated");
  }

  @Test
  void topLevelHelp_listsEveryCommand() {
    Run run = Cli.run(Map.of(), "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("server", "worker", "enqueue", "jobs", "queues", "workers", "stats", "tokens");
  }
}
