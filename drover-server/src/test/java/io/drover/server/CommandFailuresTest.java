package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * What {@link CommandFailures} makes of the failures no command's own test can cause on purpose:
 * the {@code drover} commands' tests cover the rest, each through the whole command line.
 */
class CommandFailuresTest {
  @Command(name = "call")
  static final class CallingCommand implements Runnable {
    @Override
    public void run() {
      throw new IllegalStateException("a bug");
    }
  }

  @Command(name = "serve")
  static final class RunningCommand implements Runnable, ProcessCommand {
    @Override
    public void run() {
      throw new IllegalStateException("Failed to bind to 127.0.0.1:8080");
    }
  }

  @Test
  void whatACommandCallingAServerDidNotExpect_isABug_keptWithItsStackTrace() {
    Failed failed = run(new CallingCommand());

    assertThat(failed.exitCode()).isEqualTo(CommandFailures.EXIT_FAILED);
    assertThat(failed.err())
        .startsWith("java.lang.IllegalStateException: a bug")
        .contains("\tat " + CallingCommand.class.getName() + ".run(");
  }

  @Test
  void anythingThatStopsAProcessCommand_isItsMessageInOneLine() {
    Failed failed = run(new RunningCommand());

    assertThat(failed.exitCode()).isEqualTo(CommandFailures.EXIT_FAILED);
    assertThat(failed.err()).isEqualTo("drover: Failed to bind to 127.0.0.1:8080\n");
  }

  @Test
  void droverWithoutACommand_isAUsageMistake_namingWhereTheHelpIs() {
    Cli.Run run = Cli.run(java.util.Map.of());

    assertThat(run.exitCode()).isEqualTo(CommandFailures.EXIT_USAGE);
    assertThat(run.err())
        .isEqualTo(
            "drover: Missing command; try: drover server, or drover --help for all"
                + " (see: drover --help)\n");
  }

  private record Failed(int exitCode, String err) {}

  private static Failed run(Object command) {
    CommandFailures failures = new CommandFailures();
    StringWriter err = new StringWriter();
    int exitCode =
        new CommandLine(command)
            .setErr(new PrintWriter(err, true))
            .setExecutionExceptionHandler(failures)
            .setParameterExceptionHandler(failures)
            .execute();
    return new Failed(exitCode, err.toString());
  }
}
