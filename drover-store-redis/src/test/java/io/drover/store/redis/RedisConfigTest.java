package io.drover.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.time.SettableClock;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading a Redis URL and the store's settings, without a Redis: each mistake is named. */
class RedisConfigTest {

  @Test
  void builder_givesTheDefaults() {
    RedisConfig config = RedisConfig.builder("redis://cache").build();

    assertThat(config.keyPrefix()).isEqualTo("drover");
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.commandTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.clock()).isEqualTo(InstantSource.system());
    assertThat(config.url().describe()).isEqualTo("cache:6379/0");
  }

  @Test
  void passwordAndDatabase_areRead_andNeverShown() {
    RedisUrl url = RedisUrl.parse("redis://app:topsecret@cache:6380/3");

    assertThat(url.describe()).isEqualTo("cache:6380/3");
    assertThat(url.address()).isEqualTo("redis://cache:6380/3");
    assertThat(url).hasToString("cache:6380/3");
    RedisURI lettuce = url.toLettuce(Duration.ofSeconds(5));
    assertThat(lettuce.getUsername()).isEqualTo("app");
    assertThat(lettuce.getPassword()).containsExactly("topsecret".toCharArray());
    assertThat(lettuce.getDatabase()).isEqualTo(3);
  }

  @Test
  void rediss_isTls_andSaysSo() {
    RedisUrl url = RedisUrl.parse("rediss://:s3cret@cache.example.com:6380");

    assertThat(url.describe()).isEqualTo("rediss://cache.example.com:6380/0");
    assertThat(url.toLettuce(Duration.ofSeconds(5)).isSsl()).isTrue();
  }

  @Test
  void commandTimeout_applies_unlessTheUrlSetsOne() {
    assertThat(RedisUrl.parse("redis://cache").toLettuce(Duration.ofMillis(750)).getTimeout())
        .isEqualTo(Duration.ofMillis(750));
    assertThat(
            RedisUrl.parse("redis://cache?timeout=2s")
                .toLettuce(Duration.ofMillis(750))
                .getTimeout())
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void lettucesOtherForms_stillWork() {
    RedisURI sentinel =
        RedisUrl.parse("redis-sentinel://s1:26379,s2:26379/2#jobs")
            .toLettuce(Duration.ofSeconds(5));

    assertThat(sentinel.getSentinels()).hasSize(2);
    assertThat(sentinel.getSentinelMasterId()).isEqualTo("jobs");
    assertThat(sentinel.getDatabase()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://app:topsecret@cache:6379|must start with redis://, or rediss:// for TLS|(was 'http:')",
        "mysql://topsecret@db|must start with redis://, or rediss:// for TLS|(was 'mysql:')",
        "redis://cache:6379/-1|must have a database number from 0 to 2147483647|(was '-1')",
        "redis://cache/99999999999|must have a database number from 0 to 2147483647|(was '99999999999')",
        "redis://cache/zero|must have a database number|(was 'zero')",
        "redis://cache:70000|must have a port from 1 to 65535|(was 70000)",
        "redis://cache:topsecret|must name a host as in redis://host:6379/0|host[:port]",
        "redis://:top secret@cache|must be a Redis URL|not a URL: Illegal character in authority",
        "127.0.0.1:6379|must be a Redis URL|not a URL: Illegal character in scheme name"
      })
  void aBadUrl_isRefused_namingWhatIsWrong_withoutQuotingIt(
      String url, String problem, String detail) {
    assertThatThrownBy(() -> RedisConfig.builder(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(problem)
        .hasMessageContaining(detail)
        .hasMessageNotContaining("topsecret")
        .hasMessageNotContaining("top secret");
  }

  @Test
  void anEmptyUrl_isRefused_showingTheForm() {
    assertThatThrownBy(() -> RedisConfig.builder(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "must be a Redis URL (redis://[[user]:password@]host[:port][/database], or rediss://…"
                + " for TLS), was empty");
  }

  @Test
  void timeoutsUnderTheFloor_areRefused_namingTheField() {
    assertThatThrownBy(
            () ->
                RedisConfig.builder("redis://cache").commandTimeout(Duration.ofMillis(50)).build())
        .hasMessage("commandTimeout: must be at least 100 ms (was 50 ms)");
    assertThatThrownBy(
            () -> RedisConfig.builder("redis://cache").connectTimeout(Duration.ZERO).build())
        .hasMessage("connectTimeout: must be at least 100 ms (was 0 ms)");
  }

  @Test
  void aPrefixThatWouldBreakTheHashTags_isRefused() {
    assertThatThrownBy(() -> RedisConfig.builder("redis://cache").keyPrefix("a}b").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("redis key prefix must be 1-64 letters, digits or . _ : - (was 'a}b')");
  }

  @Test
  void withClock_keepsEverythingElse() {
    SettableClock clock = new SettableClock(Instant.parse("2031-05-04T10:00:00Z"));
    RedisConfig config =
        RedisConfig.builder("redis://cache/2")
            .keyPrefix("eu")
            .commandTimeout(Duration.ofSeconds(1))
            .build()
            .withClock(clock);

    assertThat(config.clock()).isSameAs(clock);
    assertThat(config.keyPrefix()).isEqualTo("eu");
    assertThat(config.commandTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.url().describe()).isEqualTo("cache:6379/2");
  }
}
