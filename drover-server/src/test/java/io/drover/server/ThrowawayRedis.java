package io.drover.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A Redis of a test's own on a free port, keeping nothing on disk, that the test may stop and start
 * again on the same port (the shared Redis on 6379 is never touched).
 */
final class ThrowawayRedis implements AutoCloseable {
  private final int port;
  private Process process;

  private ThrowawayRedis(int port) {
    this.port = port;
  }

  static ThrowawayRedis start() {
    ThrowawayRedis redis = new ThrowawayRedis(freePort());
    redis.startAgain();
    return redis;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  void startAgain() {
    try {
      process =
          new ProcessBuilder(
                  "redis-server",
                  "--port",
                  String.valueOf(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server", e);
    }
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(this::accepts);
  }

  /** Stops Redis (SIGTERM) and waits until its port refuses connections. */
  void stop() {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !accepts());
  }

  private boolean accepts() {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
