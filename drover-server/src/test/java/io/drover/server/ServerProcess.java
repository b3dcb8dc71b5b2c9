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
 * {@code java -jar drover.jar server} (or {@code worker}) as a separate process on SQLite, as an
 * operator runs it, so tests can kill it for real. Its environment holds only what the test gives,
 * so variables of the machine running the build (a CI's DATABASE_URL, say) cannot change the store.
 */
final class ServerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path log;
  private final ApiClient api;

  private ServerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.api = port < 0 ? null : new ApiClient(port);
  }

  /**
   * Starts the server on {@code dataDir} and returns once {@code /health} answers.
   *
   * @param extraArgs more flags, e.g. {@code --no-workers}
   */
  static ServerProcess start(Path dataDir, Path log, Map<String, String> env, String... extraArgs)
      throws IOException {
    return start(sqlite(dataDir), log, env, extraArgs);
  }

  /**
   * Starts the server on the store {@code storeArgs} name and returns once {@code /health} answers.
   */
  static ServerProcess start(
      List<String> storeArgs, Path log, Map<String, String> env, String... extraArgs)
      throws IOException {
    int port = freePort();
    List<String> args = new ArrayList<>(List.of("server", "--port", String.valueOf(port)));
    args.addAll(List.of(extraArgs));
    ServerProcess server = new ServerProcess(launch(storeArgs, log, env, args), log, port);
    server.awaitHealthy();
    return server;
  }

  /**
   * Starts {@code drover worker} on {@code dataDir} and returns once its pool has started; it has
   * no {@link #api()}.
   */
  static ServerProcess worker(Path dataDir, Path log, Map<String, String> env, String... extraArgs)
      throws IOException {
    return worker(sqlite(dataDir), log, env, extraArgs);
  }

  /** {@code drover worker} on the store {@code storeArgs} name. */
  static ServerProcess worker(
      List<String> storeArgs, Path log, Map<String, String> env, String... extraArgs)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("worker"));
    args.addAll(List.of(extraArgs));
    ServerProcess worker = new ServerProcess(launch(storeArgs, log, env, args), log, -1);
    await()
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .failFast("the worker process exited; log:\n" + log, () -> !worker.process.isAlive())
        .until(() -> worker.output().contains("worker: started"));
    return worker;
  }

  private static List<String> sqlite(Path dataDir) {
    return List.of("--store", "sqlite", "--data-dir", dataDir.toString());
  }

  private static Process launch(
      List<String> storeArgs, Path log, Map<String, String> env, List<String> args)
      throws IOException {
    Path jar = Path.of(System.getProperty("drover.jar", "target/drover.jar"));
    assertThat(jar).as("the runnable jar (built by mvn package)").exists();
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
    command.addAll(args);
    command.addAll(storeArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return builder.start();
  }

  /** The client of a server process; a worker process has none. */
  ApiClient api() {
    if (api == null) {
      throw new IllegalStateException("a worker process has no HTTP API");
    }
    return api;
  }

  /** SIGHUP: the server reads its tokens file again. */
  void hangUp() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(process.pid())).start();
    assertThat(kill.waitFor()).as("kill -HUP").isZero();
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

  boolean isAlive() {
    return process.isAlive();
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
