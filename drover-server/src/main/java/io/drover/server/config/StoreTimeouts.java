package io.drover.server.config;

import io.drover.store.jdbc.PostgresConfig;
import io.drover.store.redis.RedisTimeouts;
import java.time.Duration;

/**
 * How long the server's store calls may wait, so none waits forever on a store that is down or a
 * network that drops packets. The constructor names the setting that is wrong.
 *
 * @param poolTimeout PostgreSQL: the wait for a pooled connection. Default: 2 s.
 * @param statementTimeout PostgreSQL: the server cancels a longer statement. Default: 15 s.
 * @param socketTimeout PostgreSQL: silence from the server after which a connection is dropped;
 *     longer than {@code statementTimeout}. Default: 20 s.
 * @param connectTimeout PostgreSQL and Redis: opening a connection. Default: 5 s.
 * @param redisTimeout Redis: the wait for a call's answer. Default: 5 s.
 */
public record StoreTimeouts(
    Duration poolTimeout,
    Duration statementTimeout,
    Duration socketTimeout,
    Duration connectTimeout,
    Duration redisTimeout) {

  public static final StoreTimeouts DEFAULT =
      new StoreTimeouts(
          PostgresConfig.DEFAULT_CONNECTION_TIMEOUT,
          PostgresConfig.DEFAULT_STATEMENT_TIMEOUT,
          PostgresConfig.DEFAULT_SOCKET_TIMEOUT,
          PostgresConfig.DEFAULT_CONNECT_TIMEOUT,
          RedisTimeouts.DEFAULT_COMMAND);

  public StoreTimeouts {
    checkAtLeast("poolTimeout", poolTimeout, PostgresConfig.MIN_CONNECTION_TIMEOUT);
    checkAtLeast("statementTimeout", statementTimeout, PostgresConfig.MIN_STATEMENT_TIMEOUT);
    checkAtLeast("socketTimeout", socketTimeout, PostgresConfig.MIN_NETWORK_TIMEOUT);
    checkAtLeast("connectTimeout", connectTimeout, PostgresConfig.MIN_NETWORK_TIMEOUT);
    checkAtLeast("redisTimeout", redisTimeout, RedisTimeouts.MIN);
    if (socketTimeout.compareTo(statementTimeout) <= 0) {
      throw new ConfigException(
          "socketTimeout",
          "must be longer than statementTimeout, so PostgreSQL cancels a slow statement before"
              + " the connection is dropped (was "
              + socketTimeout.toMillis()
              + " ms, statementTimeout "
              + statementTimeout.toMillis()
              + " ms)");
    }
  }

  /** What the Redis store takes of these. */
  public RedisTimeouts redis() {
    return new RedisTimeouts(connectTimeout, redisTimeout);
  }

  /** These timeouts on a PostgreSQL configuration. */
  public PostgresConfig.Builder applyTo(PostgresConfig.Builder postgres) {
    return postgres
        .connectionTimeout(poolTimeout)
        .statementTimeout(statementTimeout)
        .socketTimeout(socketTimeout)
        .connectTimeout(connectTimeout);
  }

  private static void checkAtLeast(String setting, Duration value, Duration min) {
    if (value.compareTo(min) < 0) {
      throw new ConfigException(
          setting, "must be at least " + min.toMillis() + " ms (was " + value.toMillis() + " ms)");
    }
  }
}
