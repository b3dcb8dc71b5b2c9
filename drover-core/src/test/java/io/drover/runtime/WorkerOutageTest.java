package io.drover.runtime;

import static io.drover.runtime.PoolFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.Job;
import io.drover.JobState;
import io.drover.Outcome;
import io.drover.maintenance.Reaper;
import io.drover.runtime.FailingStore.Operation;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker runtime over a store that fails on command: outcomes and leases outlast outages. */
class WorkerOutageTest {
  private final PoolFixture fixture = new PoolFixture();
  private final AtomicInteger runs = new AtomicInteger();
  private final CountDownLatch finish = new CountDownLatch(1);

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void completionDuringAnOutage_landsWhenTheStoreAnswers_andTheJobRunsOnce() {
    gatedHandler();
    fixture.config(c -> c.lease(Duration.ofSeconds(60))).start();
    UUID id = fixture.enqueue(spec("gated").build());
    fixture.awaitState(id, JobState.ACTIVE);

    fixture.failing.down(Operation.COMPLETE);
    finish.countDown();
    // More failed tries than the batcher used to make before it dropped the outcome (5).
    await().atMost(PoolFixture.WAIT).until(() -> fixture.failing.failed(Operation.COMPLETE) >= 6);
    fixture.failing.up();

    Job job = fixture.awaitState(id, JobState.COMPLETED);
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(job.errors()).isEmpty();
    assertThat(runs).hasValue(1);
  }

  @Test
  void whileTheStoreTakesNoOutcomes_thePoolStopsClaiming_onceAsManyWaitAsItHasSlots() {
    // Concurrency 4: jobs finish at once, their completions fail, so outcomes pile up.
    gatedHandler();
    finish.countDown();
    fixture.failing.down(Operation.COMPLETE);
    fixture.start();
    for (int i = 0; i < 40; i++) {
      fixture.enqueue(spec("gated").build());
    }

    await().atMost(PoolFixture.WAIT).until(() -> runs.get() >= 4);
    // Each look is a poll interval (50 ms) or a wake-up: ten of them claim nothing more.
    await().during(Duration.ofMillis(500)).atMost(PoolFixture.WAIT).until(() -> runs.get() <= 8);
    assertThat(fixture.store.stats().getFirst().count(JobState.WAITING))
        .as("jobs left for other workers while this one's outcomes wait")
        .isGreaterThanOrEqualTo(32);

    fixture.failing.up();

    await()
        .atMost(PoolFixture.WAIT)
        .until(() -> fixture.store.stats().getFirst().count(JobState.COMPLETED) == 40);
    assertThat(runs).hasValue(40);
  }

  @Test
  void claimsResume_whenTheStoreAnswersAgain() {
    gatedHandler();
    finish.countDown();
    fixture.failing.down(Operation.CLAIM);
    fixture.start();
    UUID id = fixture.enqueue(spec("gated").build());
    await().atMost(PoolFixture.WAIT).until(() -> fixture.failing.failed(Operation.CLAIM) >= 3);
    assertThat(fixture.store.get(id).orElseThrow().state()).isEqualTo(JobState.WAITING);

    fixture.failing.up();

    assertThat(fixture.awaitState(id, JobState.COMPLETED).attempt()).isEqualTo(1);
  }

  @Test
  void failedHeartbeats_areRetriedSoon_soTheLeaseOutlastsAnOutageShorterThanIt() {
    gatedHandler();
    // Heartbeats every 1.5 s for a 4.5 s lease; the store refuses them for about 3.5 s. Retried
    // only
    // at the interval, the first after the outage would come too late for the lease.
    fixture
        .config(c -> c.lease(Duration.ofMillis(4500)).heartbeatInterval(Duration.ofMillis(1500)))
        .start();
    Reaper reaper = new Reaper(fixture.store, Duration.ofMillis(100));
    try {
      UUID id = fixture.enqueue(spec("gated").build());
      fixture.awaitState(id, JobState.ACTIVE);
      await().atMost(PoolFixture.WAIT).until(() -> heartbeatsSucceeded(id));
      fixture.failing.down(Operation.HEARTBEAT);
      reaper.start();
      long downSince = System.nanoTime();
      await()
          .atMost(PoolFixture.WAIT)
          .until(() -> System.nanoTime() - downSince >= TimeUnit.MILLISECONDS.toNanos(3500));
      fixture.failing.up();
      await().atMost(PoolFixture.WAIT).until(() -> heartbeatsSucceeded(id));
      finish.countDown();

      Job job = fixture.awaitState(id, JobState.COMPLETED);
      assertThat(job.attempt()).isEqualTo(1);
      assertThat(job.errors()).isEmpty();
      assertThat(fixture.failing.failed(Operation.HEARTBEAT)).isGreaterThanOrEqualTo(2);
    } finally {
      reaper.stop();
    }
  }

  /** True once the job's lease was extended after the last check's failures ended. */
  private boolean heartbeatsSucceeded(UUID id) {
    Job job = fixture.store.get(id).orElseThrow();
    return job.state() == JobState.ACTIVE
        && job.leaseExpiresAt().isAfter(java.time.Instant.now().plusMillis(3500));
  }

  private void gatedHandler() {
    fixture.handler(
        "gated",
        ctx -> {
          runs.incrementAndGet();
          finish.await();
          return Outcome.complete();
        });
  }
}
