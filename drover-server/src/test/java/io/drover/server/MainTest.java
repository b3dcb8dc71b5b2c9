package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.server.config.Setting;
import io.drover.store.jdbc.PostgresUrl;
import io.drover.tck.ExternalService;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

  // An unreachable store is waited for (StoreLateAtStartIT); one that refuses the login ends the
  // start at once.
  @Test
  void aRedisRefusingTheLogin_exits1WithOneLine_withoutThePassword() {
    String redis =
        System.getenv()
            .getOrDefault("DROVER_TEST_REDIS_URL", "redis://127.0.0.1:6379")
            .substring(8);
    ExternalService.require(
        "Redis", redis, () -> new java.net.Socket(hostOf(redis), portOf(redis)));
    Cli.Run run =
        Cli.run(Map.of("REDIS_URL", "redis://nobody:topsecret@" + redis + "/0"), "server");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("drover: ")
        .doesNotContain("topsecret");
  }

  @Test
  void aDatabaseRefusingTheLogin_exits1NamingItWithoutThePassword() {
    TestPostgres.require();
    String place = PostgresUrl.parse(TestPostgres.URL).describe(); // host:port/db
    String hostAndPort = place.substring(0, place.indexOf('/'));
    Cli.Run run =
        Cli.run(
            Map.of("DATABASE_URL", "postgres://nobody:topsecret@" + hostAndPort + "/jobs"),
            "server");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("drover: cannot open postgres store " + hostAndPort + "/jobs schema=drover")
        .doesNotContain("topsecret");
  }

  @Test
  void theOtherProcesses_onADatabaseRefusingTheLogin_exit1WithOneLine_withoutThePassword() {
    TestPostgres.require();
    String place = PostgresUrl.parse(TestPostgres.URL).describe(); // host:port/db
    String hostAndPort = place.substring(0, place.indexOf('/'));
    Map<String, String> env =
        Map.of("DATABASE_URL", "postgres://nobody:topsecret@" + hostAndPort + "/jobs");

    for (String command : new String[] {"worker", "scheduler", "migrate"}) {
      Cli.Run run = Cli.run(env, command);

      assertThat(run.exitCode()).as(command).isEqualTo(1);
      assertThat(run.err().lines())
          .as(command)
          .singleElement()
          .asString()
          .startsWith("drover: ")
          .contains(hostAndPort)
          .doesNotContain("topsecret");
    }
  }

  private static String hostOf(String hostAndPort) {
    return hostAndPort.substring(0, hostAndPort.lastIndexOf(':'));
  }

  private static int portOf(String hostAndPort) {
    return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
  }

  @Test
  void aDatabaseUrlOfAnotherKind_exits2NamingTheFormsThatWork() {
    Cli.Run run = Cli.run(Map.of("DATABASE_URL", "mysql://root:topsecret@db/jobs"), "server");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("databaseUrl must start with postgres://, postgresql:// or jdbc:postgresql://")
        .doesNotContain("topsecret");
  }

  @Test
  void migrate_onAStoreOtherThanPostgres_exits2SayingWhatItIsFor() {
    Cli.Run run = Cli.run(Map.of(), "migrate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("store is sqlite").contains("drover migrate is for postgres");
  }

  @Test
  void aBadSetting_exits2NamingTheSettingAndItsSource() {
    Cli.Run run = Cli.run(Map.of(), "server", "--concurrency", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("drover: --concurrency=0: concurrency must be between 1 and 10000 (was 0)\n");
  }

  @Test
  void anUnknownFlag_exits2() {
    assertThat(Cli.run(Map.of(), "server", "--colour", "red").exitCode()).isEqualTo(2);
  }

  @Test
  void serverHelp_listsEverySettingWithItsVariablesAndDefault() {
    Cli.Run run = Cli.run(Map.of(), "server", "--help");

    assertThat(run.exitCode()).isZero();
    for (Setting<?> setting : Setting.values()) {
      assertThat(run.out()).contains(setting.flag(), setting.droverEnv());
      if (setting.conventionalEnv() != null) {
        assertThat(run.out()).contains(setting.conventionalEnv());
      }
    }
    assertThat(run.out()).contains("Default: 8080");
  }
}
