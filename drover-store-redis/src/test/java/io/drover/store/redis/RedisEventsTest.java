package io.drover.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.events.JobEvent;
import io.drover.store.JobStore;
import io.drover.store.Subscription;
import io.drover.tck.SharedStoreEvents;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Job events travel between processes over pub/sub, and only under the store's own prefix. */
class RedisEventsTest {
  private String prefix;
  private String otherPrefix;

  @BeforeEach
  void requireRedis() {
    RedisTestServer.require();
    prefix = RedisTestServer.newPrefix();
    otherPrefix = RedisTestServer.newPrefix();
  }

  @AfterEach
  void deleteKeys() {
    RedisTestServer.deleteKeys(prefix);
    RedisTestServer.deleteKeys(otherPrefix);
  }

  private static JobStore open(String keyPrefix) {
    return RedisJobStore.connect(
        RedisConfig.builder(RedisTestServer.URL).keyPrefix(keyPrefix).build());
  }

  @Test
  void aJobRunThroughOneStore_isHeardByAnotherStoresSubscriber_underItsPrefixOnly() {
    Queue<JobEvent> stranger = new ConcurrentLinkedQueue<>();
    try (JobStore watching = open(prefix);
        JobStore working = open(prefix);
        JobStore elsewhere = open(otherPrefix);
        Subscription other = elsewhere.events().subscribe(stranger::add)) {
      SharedStoreEvents.assertAJobRunElsewhereIsHeard(watching, working);

      assertThat(stranger).isEmpty();
    }
  }

  @Test
  void publishersNoticeWhetherAnyProcessListens() {
    try (JobStore watching = open(prefix);
        JobStore working = open(prefix)) {
      SharedStoreEvents.assertListenersAreNoticed(watching, working);
    }
  }
}
