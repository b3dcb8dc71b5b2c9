package io.drover.store.redis;

import io.drover.store.ConfigChecks;
import java.time.Duration;
import java.time.InstantSource;

/**
 * How to open a Redis store. Build with {@link #builder(String)}; {@link Builder#build()} validates
 * and names the field that is wrong.
 *
 * @param url where Redis is, with credentials kept out of logs. Required.
 * @param keyPrefix starts every key, so several stores can share one Redis database. Default:
 *     {@code drover}.
 * @param connectTimeout how long opening a connection may take. Default: 5 s.
 * @param commandTimeout how long a batch of commands may wait for its answers, so a server that
 *     stops answering (a black-holed connection, a partition) fails the call as unavailable instead
 *     of stalling it; a {@code ?timeout=} in the URL takes precedence. Default: 5 s (Lettuce's own
 *     is 60 s).
 * @param clock every time decision of the store reads it. Default: the system clock.
 */
public record RedisConfig(
    RedisUrl url,
    String keyPrefix,
    Duration connectTimeout,
    Duration commandTimeout,
    InstantSource clock) {

  public static final String DEFAULT_KEY_PREFIX = "drover";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

  /** The floor of both timeouts: below it, ordinary calls would fail on a healthy server. */
  public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);

  public RedisConfig {
    ConfigChecks.required("url", url);
    Keys.checkPrefix(keyPrefix);
    ConfigChecks.atLeast("connectTimeout", connectTimeout, MIN_TIMEOUT);
    ConfigChecks.atLeast("commandTimeout", commandTimeout, MIN_TIMEOUT);
    ConfigChecks.required("clock", clock);
  }

  /**
   * Starts a configuration for the Redis at {@code url}.
   *
   * @throws IllegalArgumentException if the URL is not a Redis URL ({@link RedisUrl#parse})
   */
  public static Builder builder(String url) {
    return new Builder(RedisUrl.parse(url));
  }

  /** The same configuration on another clock. */
  public RedisConfig withClock(InstantSource clock) {
    return new Builder(url)
        .keyPrefix(keyPrefix)
        .connectTimeout(connectTimeout)
        .commandTimeout(commandTimeout)
        .clock(clock)
        .build();
  }

  public static final class Builder {
    private final RedisUrl url;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private InstantSource clock = InstantSource.system();

    private Builder(RedisUrl url) {
      this.url = url;
    }

    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder commandTimeout(Duration commandTimeout) {
      this.commandTimeout = commandTimeout;
      return this;
    }

    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    public RedisConfig build() {
      return new RedisConfig(url, keyPrefix, connectTimeout, commandTimeout, clock);
    }
  }
}
