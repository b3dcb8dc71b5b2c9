package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.server.config.Setting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  @Test
  void aStoreNotBuiltYet_exits2WithOneLineNamingIt() {
    Run run = run(Map.of("DATABASE_URL", "postgres://db/jobs"), "server");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("drover: store postgres (chosen because DATABASE_URL is set) is not available")
        .contains("memory and sqlite");
  }

  @Test
  void aBadSetting_exits2NamingTheSettingAndItsSource() {
    Run run = run(Map.of(), "server", "--concurrency", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("drover: --concurrency=0: concurrency must be between 1 and 10000 (was 0)\n");
  }

  @Test
  void anUnknownFlag_exits2() {
    assertThat(run(Map.of(), "server", "--colour", "red").exitCode()).isEqualTo(2);
  }

  @Test
  void serverHelp_listsEverySettingWithItsVariablesAndDefault() {
    Run run = run(Map.of(), "server", "--help");

    assertThat(run.exitCode()).isZero();
    for (Setting setting : Setting.values()) {
      assertThat(run.out()).contains(setting.flag(), setting.droverEnv());
      if (setting.conventionalEnv() != null) {
        assertThat(run.out()).contains(setting.conventionalEnv());
      }
    }
    assertThat(run.out()).contains("Default: 8080");
  }

  record Run(int exitCode, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine(env);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }
}
