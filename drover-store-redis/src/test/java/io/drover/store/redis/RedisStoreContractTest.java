package io.drover.store.redis;

import io.drover.store.JobStore;
import io.drover.tck.JobStoreContract;
import io.drover.time.SettableClock;
import org.junit.jupiter.api.AfterEach;

/** The store contract against a real Redis, each test under a key prefix of its own. */
class RedisStoreContractTest extends JobStoreContract {
  private String prefix;

  @Override
  protected JobStore newStore(SettableClock clock) {
    RedisTestServer.require();
    prefix = RedisTestServer.newPrefix();
    return RedisJobStore.connect(config(clock));
  }

  @Override
  protected JobStore newPeer(JobStore store, SettableClock clock) {
    return RedisJobStore.connect(config(clock));
  }

  private RedisConfig config(SettableClock clock) {
    return RedisConfig.builder(RedisTestServer.URL).keyPrefix(prefix).clock(clock).build();
  }

  @AfterEach
  void deleteKeys() {
    if (prefix != null) {
      RedisTestServer.deleteKeys(prefix);
    }
  }
}
