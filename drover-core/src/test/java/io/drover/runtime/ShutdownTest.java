package io.drover.runtime;

import static io.drover.runtime.PoolFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.Job;
import io.drover.JobState;
import io.drover.Outcome;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShutdownTest {
  private final PoolFixture fixture = new PoolFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void stop_letsShortJobsFinish_andReleasesLongOnesWithoutUsingAnAttempt() throws Exception {
    CountDownLatch bothStarted = new CountDownLatch(2);
    fixture.handler(
        "sleep",
        ctx -> {
          bothStarted.countDown();
          Thread.sleep(ctx.payloadTree().get("ms").asLong());
          return Outcome.complete();
        });
    WorkerPool pool = fixture.config(c -> c.shutdownGrace(Duration.ofMillis(1500))).start();
    UUID shortJob = fixture.enqueue(spec("sleep").payload("{\"ms\":300}").build());
    UUID longJob = fixture.enqueue(spec("sleep").payload("{\"ms\":600000}").build());
    assertThat(bothStarted.await(20, TimeUnit.SECONDS)).isTrue();

    pool.stop();

    assertThat(fixture.store.get(shortJob).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    Job released = fixture.store.get(longJob).orElseThrow();
    assertThat(released.state()).isEqualTo(JobState.WAITING);
    assertThat(released.attempt()).isZero();
    assertThat(released.errors()).isEmpty();
    assertThat(fixture.store.workers()).isEmpty();
  }

  @Test
  void stop_isIdempotent_andHarmlessBeforeStart() {
    WorkerPool pool =
        new WorkerPool(
            fixture.store,
            WorkerConfig.builder().workerId("w").build(),
            new HandlerRegistry(Map.of()),
            InstantSource.system(),
            RandomGenerator.getDefault());
    pool.stop();
    pool.start();
    pool.start();
    assertThat(fixture.store.workers()).extracting(w -> w.id()).containsExactly("w");

    pool.stop();
    pool.stop();

    assertThat(fixture.store.workers()).isEmpty();
  }

  @Test
  void stoppedPool_claimsNothingMore() {
    fixture.handler("noop", ctx -> Outcome.complete());
    WorkerPool pool = fixture.start();
    pool.stop();

    UUID id = fixture.enqueue(spec("noop").build());

    // Several poll intervals (50 ms) pass: a pool still claiming would have taken the job.
    await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(2))
        .until(() -> fixture.store.get(id).orElseThrow().state() == JobState.WAITING);
    assertThat(fixture.store.get(id).orElseThrow().attempt()).isZero();
  }
}
