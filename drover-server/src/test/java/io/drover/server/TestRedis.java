package io.drover.server;

import io.drover.tck.ExternalService;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The Redis the server's tests use: {@code DROVER_TEST_REDIS_URL}, else the local one. The CLI and
 * server use the store's default key prefix, so tests get a database of their own ({@link #URL}'s
 * {@code /11}) rather than writing under the prefix a real deployment on the same Redis would read.
 */
public final class TestRedis {
  private static final String SERVER =
      System.getenv().getOrDefault("DROVER_TEST_REDIS_URL", "redis://127.0.0.1:6379");

  /** The server, database 11. */
  public static final String URL = SERVER.replaceFirst("/\\d*$", "") + "/11";

  private TestRedis() {}

  /** Skips the calling test, or fails it under CI=true, when Redis does not answer PING. */
  public static void require() {
    ExternalService.require("Redis", SERVER, TestRedis::ping);
  }

  private static Void ping() throws IOException {
    URI uri = URI.create(SERVER);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())) {
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(5);
      if (!new String(reply, StandardCharsets.US_ASCII).equals("+PONG")) {
        throw new IOException("no PONG from " + SERVER);
      }
    }
    return null;
  }
}
