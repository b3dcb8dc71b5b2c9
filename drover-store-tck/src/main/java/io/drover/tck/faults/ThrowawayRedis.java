package io.drover.tck.faults;

import io.drover.tck.ExternalService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Redis server of a test's own, on a free port with its files in a temporary directory, that the
 * test may shut down, kill and start again: the shared server on 6379 is never touched. It keeps an
 * append-only file, so a restart finds what it had (up to what the fsync policy lets a kill lose).
 */
public final class ThrowawayRedis implements AutoCloseable {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;
  private final int port;
  private final String appendFsync;

  private ThrowawayRedis(Path dir, int port, String appendFsync) {
    this.dir = dir;
    this.port = port;
    this.appendFsync = appendFsync;
  }

  /**
   * Starts a new server; fails (CI) or skips the test when {@code redis-server} is missing.
   *
   * @param appendFsync when the append-only file is fsynced: {@code everysec} (Redis's default for
   *     AOF) or {@code always} (before each reply)
   */
  public static ThrowawayRedis start(String appendFsync) throws IOException {
    ExternalService.require(
        "redis-server",
        "PATH",
        () -> LocalProcess.run(null, COMMAND_TIMEOUT, "redis-server", "--version"));
    ThrowawayRedis server =
        new ThrowawayRedis(
            Files.createTempDirectory("drover-redis"), LocalProcess.freePort(), appendFsync);
    server.startAgain();
    return server;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Starts the server (again) on the same port and files, waiting until it answers. */
  public void startAgain() throws IOException {
    LocalProcess.run(
        null,
        COMMAND_TIMEOUT,
        "redis-server",
        "--daemonize",
        "yes",
        "--bind",
        "127.0.0.1",
        "--port",
        Integer.toString(port),
        "--dir",
        dir.toString(),
        "--pidfile",
        dir.resolve("redis.pid").toString(),
        "--logfile",
        dir.resolve("redis.log").toString(),
        "--save",
        "",
        "--appendonly",
        "yes",
        "--appendfsync",
        appendFsync);
    long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
    while (true) {
      try {
        if (cli("PING").strip().equals("PONG")) {
          return;
        }
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
      }
      pause();
    }
  }

  /** A clean shutdown: the append-only file is flushed first. */
  public void shutdown() throws IOException {
    try {
      cli("SHUTDOWN");
    } catch (IOException closedOnUs) {
      // redis-cli reports the connection the server closed as it went down.
    }
    awaitGone();
  }

  /** SIGKILL: writes of the last second not yet in the append-only file may be lost. */
  public void kill() throws IOException {
    String pid = Files.readString(dir.resolve("redis.pid")).strip();
    LocalProcess.run(null, COMMAND_TIMEOUT, "kill", "-KILL", pid);
    awaitGone();
  }

  /** Sends one command with {@code redis-cli}; returns its output. */
  public String cli(String... command) throws IOException {
    String[] full = new String[command.length + 3];
    full[0] = "redis-cli";
    full[1] = "-p";
    full[2] = Integer.toString(port);
    System.arraycopy(command, 0, full, 3, command.length);
    return LocalProcess.run(null, COMMAND_TIMEOUT, full);
  }

  @Override
  public void close() throws IOException {
    if (Files.exists(dir.resolve("redis.pid"))) {
      kill();
    }
    LocalProcess.deleteTree(dir);
  }

  private void awaitGone() throws IOException {
    long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
    while (answers()) {
      if (System.nanoTime() > deadline) {
        throw new IOException("redis on port " + port + " did not stop");
      }
      pause();
    }
    // A killed server leaves its pid file behind.
    Files.deleteIfExists(dir.resolve("redis.pid"));
  }

  private boolean answers() {
    try {
      return cli("PING").strip().equals("PONG");
    } catch (IOException e) {
      return false;
    }
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
