package io.drover.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.StoreFailureException;
import io.drover.StoreUnavailableException;
import io.drover.tck.Specs;
import io.drover.tck.StallingProxy;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every Redis call has a deadline, and what fails says whether waiting helps: unreachable and too
 * slow are {@link StoreUnavailableException}, an error reply is {@link StoreFailureException}.
 */
class RedisDeadlineTest {
  private static final Duration MARGIN = Duration.ofSeconds(3);

  private final String prefix = RedisTestServer.newPrefix();

  @AfterEach
  void deleteKeys() {
    RedisTestServer.deleteKeys(prefix);
  }

  @Test
  void connect_toABlackHole_failsAsUnavailable_withinTheTimeouts() throws Exception {
    try (StallingProxy blackHole = StallingProxy.blackHole()) {
      long started = System.nanoTime();

      assertThatThrownBy(
              () -> RedisJobStore.connect(shortTimeouts("redis://127.0.0.1:" + blackHole.port())))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("127.0.0.1:" + blackHole.port());
      assertThat(elapsedSince(started)).isLessThan(Duration.ofSeconds(1).plus(MARGIN));
    }
  }

  @Test
  void call_onAConnectionThatStopsAnswering_failsAsUnavailable_withinTheCommandTimeout()
      throws Exception {
    RedisTestServer.require();
    RedisURI target = RedisURI.create(RedisTestServer.URL);
    try (StallingProxy proxy = new StallingProxy(target.getHost(), target.getPort())) {
      String url =
          RedisURI.builder(target)
              .withHost("127.0.0.1")
              .withPort(proxy.port())
              .build()
              .toURI()
              .toString();
      try (RedisJobStore store = RedisJobStore.connect(shortTimeouts(url))) {
        UUID id = store.enqueue(List.of(Specs.spec("mail"))).get(0).id();
        proxy.stall();
        long started = System.nanoTime();

        assertThatThrownBy(() -> store.get(id))
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("TimeoutException");
        assertThat(elapsedSince(started)).isLessThan(Duration.ofMillis(500).plus(MARGIN));
        proxy.close();
      }
    }
  }

  @Test
  void errorReply_isAStoreFailure_notAnOutage() {
    RedisTestServer.require();
    try (RedisJobStore store =
        RedisJobStore.connect(RedisConfig.builder(RedisTestServer.URL).keyPrefix(prefix).build())) {
      RedisTestServer.withRedis(redis -> redis.set(new Keys(prefix).workers(), "not a set"));

      assertThatThrownBy(store::workers)
          .isInstanceOf(StoreFailureException.class)
          .hasMessageContaining("WRONGTYPE");
    }
  }

  @Test
  void connectionRefused_isUnavailable() throws Exception {
    int closedPort;
    try (StallingProxy gone = StallingProxy.blackHole()) {
      closedPort = gone.port();
    }

    assertThatThrownBy(
            () -> RedisJobStore.connect(shortTimeouts("redis://127.0.0.1:" + closedPort)))
        .isInstanceOf(StoreUnavailableException.class);
  }

  private RedisConfig shortTimeouts(String url) {
    return RedisConfig.builder(url)
        .keyPrefix(prefix)
        .connectTimeout(Duration.ofMillis(500))
        .commandTimeout(Duration.ofMillis(500))
        .build();
  }

  private static Duration elapsedSince(long nanoTime) {
    return Duration.ofNanos(System.nanoTime() - nanoTime);
  }
}
