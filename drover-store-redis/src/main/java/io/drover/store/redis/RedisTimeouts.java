package io.drover.store.redis;

import java.time.Duration;

/**
 * How long the Redis store waits: the deadline of every call, so a server that stops answering (a
 * black-holed connection, a partition) fails the call as unavailable instead of stalling it.
 *
 * @param connect how long opening a connection may take. Default: 5 s.
 * @param command how long a batch of commands may wait for its answers; a {@code ?timeout=} in the
 *     Redis URL takes precedence. Default: 5 s (Lettuce's own is 60 s).
 */
public record RedisTimeouts(Duration connect, Duration command) {
  public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_COMMAND = Duration.ofSeconds(5);
  public static final Duration MIN = Duration.ofMillis(100);
  public static final RedisTimeouts DEFAULT = new RedisTimeouts(DEFAULT_CONNECT, DEFAULT_COMMAND);

  public RedisTimeouts {
    check("connect", connect);
    check("command", command);
  }

  private static void check(String field, Duration value) {
    if (value == null || value.compareTo(MIN) < 0) {
      throw new IllegalArgumentException(
          field
              + ": must be at least "
              + MIN.toMillis()
              + " ms (was "
              + (value == null ? "unset" : value.toMillis() + " ms")
              + ")");
    }
  }
}
