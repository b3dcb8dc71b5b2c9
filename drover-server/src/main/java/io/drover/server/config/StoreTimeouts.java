package io.drover.server.config;

import io.drover.store.jdbc.PostgresConfig;
import io.drover.store.redis.RedisConfig;
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

  public StoreTimeouts {
    Checks.atLeast("poolTimeout", poolTimeout, PostgresConfig.MIN_CONNECTION_TIMEOUT);
    Checks.atLeast("statementTimeout", statementTimeout, PostgresConfig.MIN_STATEMENT_TIMEOUT);
    Checks.atLeast("socketTimeout", socketTimeout, PostgresConfig.MIN_NETWORK_TIMEOUT);
    Checks.atLeast("connectTimeout", connectTimeout, PostgresConfig.MIN_NETWORK_TIMEOUT);
    Checks.atLeast("redisTimeout", redisTimeout, RedisConfig.MIN_TIMEOUT);
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

  static StoreTimeouts from(SettingValues settings) {
    return new StoreTimeouts(
        settings.get(Setting.POOL_TIMEOUT),
        settings.get(Setting.STATEMENT_TIMEOUT),
        settings.get(Setting.SOCKET_TIMEOUT),
        settings.get(Setting.CONNECT_TIMEOUT),
        settings.get(Setting.REDIS_TIMEOUT));
  }

  /** These timeouts on a Redis configuration. */
  public RedisConfig.Builder applyTo(RedisConfig.Builder redis) {
    return redis.connectTimeout(connectTimeout).commandTimeout(redisTimeout);
  }

  /** These timeouts on a PostgreSQL configuration. */
  public PostgresConfig.Builder applyTo(PostgresConfig.Builder postgres) {
    return postgres
        .connectionTimeout(poolTimeout)
        .statementTimeout(statementTimeout)
        .socketTimeout(socketTimeout)
        .connectTimeout(connectTimeout);
  }
}
