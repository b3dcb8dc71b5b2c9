package io.drover.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.drover.StoreUnavailableException;
import io.drover.tck.Specs;
import io.drover.time.SettableClock;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redis gone: the store says so with its own exception, at once, and recovers when it returns. */
class RedisOutageTest {
  private final String prefix = RedisTestServer.newPrefix();
  private TcpProxy proxy;
  private RedisJobStore store;

  @BeforeEach
  void connectThroughProxy() throws Exception {
    RedisTestServer.require();
    RedisURI target = RedisURI.create(RedisTestServer.URL);
    proxy = new TcpProxy(target.getHost(), target.getPort());
    // A short command timeout bounds the calls caught in flight by the cut.
    String url =
        RedisURI.builder(target)
            .withHost("127.0.0.1")
            .withPort(proxy.port())
            .withTimeout(Duration.ofSeconds(2))
            .build()
            .toURI()
            .toString();
    store = RedisJobStore.connect(config(url));
  }

  @AfterEach
  void close() throws Exception {
    if (store != null) {
      store.close();
    }
    if (proxy != null) {
      proxy.close();
      RedisTestServer.deleteKeys(prefix);
    }
  }

  @Test
  void serverGone_operationsThrowStoreUnavailable_thenWorkAgainWhenItIsBack() throws Exception {
    store.enqueue(List.of(Specs.spec("mail")));

    proxy.cut();

    assertThatThrownBy(() -> store.enqueue(List.of(Specs.spec("mail"))))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("redis store: enqueue");
    assertThatThrownBy(() -> store.claim(Specs.claim(Specs.WORKER, 1, "mail")))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.stats()).isInstanceOf(StoreUnavailableException.class);

    proxy.restore();

    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptionsInstanceOf(StoreUnavailableException.class)
        .untilAsserted(
            () -> assertThat(store.claim(Specs.claim(Specs.WORKER, 1, "mail"))).hasSize(1));
  }

  @Test
  void connect_nothingListening_throwsStoreUnavailableNamingTheAddress() throws Exception {
    proxy.cut();

    assertThatThrownBy(() -> RedisJobStore.connect(config("redis://127.0.0.1:" + proxy.port())))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("127.0.0.1:" + proxy.port());
  }

  private RedisConfig config(String url) {
    return RedisConfig.builder(url)
        .keyPrefix(prefix)
        .clock(new SettableClock(Instant.now()))
        .build();
  }
}
