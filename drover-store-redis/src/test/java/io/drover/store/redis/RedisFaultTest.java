package io.drover.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.tck.faults.FaultDrain;
import io.drover.tck.faults.ThrowawayRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fault suite on Redis: a server of the test's own, with an append-only file, is shut down and
 * killed under a drain. docs/reliability.md states what each test shows.
 */
class RedisFaultTest {
  private ThrowawayRedis server;
  private RedisJobStore store;

  private void start(String appendFsync) throws Exception {
    server = ThrowawayRedis.start(appendFsync);
    store = RedisJobStore.connect(RedisConfig.builder(server.url()).keyPrefix("faults").build());
  }

  @AfterEach
  void stopServer() throws Exception {
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void restartOf5sMidDrain_noFinishedJobRunsAgain() throws Exception {
    start("everysec");

    int reran =
        FaultDrain.drainThrough(
            store,
            Duration.ofSeconds(60),
            "redis restarted after 5 s",
            () -> {
              server.shutdown();
              Thread.sleep(Duration.ofSeconds(5)); // the outage itself: real time, store gone
              server.startAgain();
            });

    assertThat(reran).as("jobs run twice").isZero();
  }

  @Test
  void killMidDrain_withFsyncAlways_everyRunIsAClaimTheStoreKept() throws Exception {
    start("always");

    FaultDrain.drainThrough(
        store,
        Duration.ofSeconds(10),
        "redis killed (appendfsync always)",
        () -> {
          server.kill();
          server.startAgain();
        });
  }
}
