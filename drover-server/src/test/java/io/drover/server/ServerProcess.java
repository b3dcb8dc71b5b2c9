package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar drover.jar server} as a separate process on SQLite, as an operator runs it, so
 * tests can kill it for real. Its environment holds only what the test gives, so variables of the
 * machine running the build (a CI's DATABASE_URL, say) cannot change the store.
 */
final class ServerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path log;
  private final ApiClient api;

  private ServerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.api = new ApiClient(port);
  }

  /** Starts the server on {@code dataDir} and returns once {@code /health} answers. */
  static ServerProcess start(Path dataDir, Path log, Map<String, String> env) throws IOException {
    Path jar = Path.of(System.getProperty("drover.jar", "target/drover.jar"));
    assertThat(jar).as("the runnable jar (built by mvn package)").exists();
    String java = ProcessHandle.current().info().command().orElseThrow();
    int port = freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-jar",
                jar.toString(),
                "server",
                "--store",
                "sqlite",
                "--data-dir",
                dataDir.toString(),
                "--port",
                String.valueOf(port)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    ServerProcess server = new ServerProcess(builder.start(), log, port);
    server.awaitHealthy();
    return server;
  }

  ApiClient api() {
    return api;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or released. */
  void kill() {
    process.destroyForcibly();
    assertThat(exited(Duration.ofSeconds(30))).as("killed process exits").isTrue();
  }

  /** SIGTERM, then waits for the graceful shutdown to finish; returns the exit status. */
  int terminate(Duration timeout) {
    process.destroy();
    assertThat(exited(timeout))
        .as("process exits within %s after SIGTERM; log:%n%s", timeout, output())
        .isTrue();
    return process.exitValue();
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private boolean exited(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void awaitHealthy() {
    await()
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .failFast("the server process exited; log:\n" + log, () -> !process.isAlive())
        .until(() -> api.get("/health").status() == 200);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
