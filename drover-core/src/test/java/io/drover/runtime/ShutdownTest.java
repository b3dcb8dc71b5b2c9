package io.drover.runtime;

import static io.drover.runtime.PoolFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Job;
import io.drover.JobSpec;
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
  private static final String WITNESS_QUEUE = "witness";

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

    // A witness pool on the same store runs jobs enqueued after that one, one after another: each
    // took a wake-up and a claim, chances that a pool still claiming would have used as well.
    WorkerPool witness =
        new WorkerPool(
            fixture.store,
            WorkerConfig.builder()
                .workerId("witness")
                .queues(WITNESS_QUEUE)
                .pollInterval(Duration.ofMillis(50))
                .build(),
            new HandlerRegistry(Map.of("noop", ctx -> Outcome.complete())),
            InstantSource.system(),
            RandomGenerator.getDefault());
    witness.start();
    try {
      for (int i = 0; i < 3; i++) {
        fixture.awaitState(
            fixture.enqueue(JobSpec.builder(WITNESS_QUEUE, "noop").build()), JobState.COMPLETED);
      }
    } finally {
      witness.stop();
    }

    Job job = fixture.store.get(id).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.WAITING);
    assertThat(job.attempt()).isZero();
  }
}
