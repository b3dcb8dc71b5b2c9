package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.server.config.Setting;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void anUnreachableRedis_exits1WithOneLine_withoutThePassword() {
    Cli.Run run = Cli.run(Map.of("REDIS_URL", "redis://app:topsecret@127.0.0.1:1/0"), "server");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("drover: ")
        .doesNotContain("topsecret");
  }

  @Test
  void anUnreachableDatabase_exits1NamingItWithoutThePassword() {
    Cli.Run run =
        Cli.run(Map.of("DATABASE_URL", "postgres://app:topsecret@127.0.0.1:1/jobs"), "server");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("drover: cannot open postgres store 127.0.0.1:1/jobs schema=drover")
        .doesNotContain("topsecret");
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
    for (Setting setting : Setting.values()) {
      assertThat(run.out()).contains(setting.flag(), setting.droverEnv());
      if (setting.conventionalEnv() != null) {
        assertThat(run.out()).contains(setting.conventionalEnv());
      }
    }
    assertThat(run.out()).contains("Default: 8080");
  }
}
