package io.drover.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code drover} command line as a process of its own, from this build's classes, with stdout
 * and stderr kept apart: what a shell pipe sees, logs included, which {@link Cli} (in this JVM)
 * cannot show. Its environment holds only what the test gives.
 */
public final class CliProcess {
  private static final long TIMEOUT_SECONDS = 60;

  private CliProcess() {}

  /** What a run printed on each stream, and its exit status. */
  public record Run(int exitCode, String out, String err) {}

  public static Run run(Map<String, String> env, String... args) {
    return run(env, List.of(args));
  }

  public static Run run(Map<String, String> env, List<String> args) {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    if (Runtime.version().feature() >= 24) {
      // As the launcher does: JDK 24+ would warn on stderr that Netty (Redis) uses sun.misc.Unsafe.
      command.add(1, "--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(args);
    try {
      Path out = Files.createTempFile("drover-cli", ".out");
      Path err = Files.createTempFile("drover-cli", ".err");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "drover " + args + " still running after " + TIMEOUT_SECONDS + " s");
        }
        return new Run(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
