package io.drover.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.tck.faults.FaultDrain;
import io.drover.tck.faults.ThrowawayRedis;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fault suite on Redis: a server of the test's own, with an append-only file, is shut down and
 * killed under a drain. docs/reliability.md states what each test shows.
 */
class RedisFaultTest {
  private static final int JOBS = 3_000;
  private static final Duration WORK = Duration.ofMillis(2);

  private ThrowawayRedis server;
  private RedisJobStore store;

  private void start(String appendFsync) throws Exception {
    server = ThrowawayRedis.start(appendFsync);
    store = RedisJobStore.connect(server.url(), InstantSource.system(), "faults");
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
    try (FaultDrain drain = new FaultDrain(store, 10, Duration.ofSeconds(60), WORK)) {
      drain.enqueue(JOBS);
      drain.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> drain.runsSoFar() >= JOBS / 3);

      server.shutdown();
      Thread.sleep(Duration.ofSeconds(5)); // the outage itself: real time the store is gone
      server.startAgain();
      long restarted = System.nanoTime();
      drain.awaitAllCompleted(Duration.ofSeconds(120));
      drain.report("redis restarted after 5 s", restarted);
      assertThat(drain.checkEveryRunVisible()).as("jobs run twice").isZero();
    }
  }

  @Test
  void killMidDrain_withFsyncAlways_everyRunIsAClaimTheStoreKept() throws Exception {
    start("always");
    try (FaultDrain drain = new FaultDrain(store, 10, Duration.ofSeconds(10), WORK)) {
      drain.enqueue(JOBS);
      drain.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> drain.runsSoFar() >= JOBS / 3);

      server.kill();
      server.startAgain();
      long restarted = System.nanoTime();
      drain.awaitAllCompleted(Duration.ofSeconds(120));
      drain.report("redis killed (appendfsync always)", restarted);
      drain.checkEveryRunVisible();
    }
  }
}
