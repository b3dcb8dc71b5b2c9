package io.drover.runtime;

import static io.drover.runtime.PoolFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.Job;
import io.drover.JobState;
import io.drover.Outcome;
import io.drover.store.QueuePattern;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
  private final PoolFixture fixture = new PoolFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void runsEveryJobOnce_andStoresTheResult() {
    AtomicInteger runs = new AtomicInteger();
    fixture.handler(
        "echo",
        ctx -> {
          runs.incrementAndGet();
          return Outcome.complete(ctx.payload());
        });
    fixture.start();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ids.add(fixture.enqueue(spec("echo").payload("{\"n\":" + i + "}").build()));
    }

    for (int i = 0; i < ids.size(); i++) {
      Job job = fixture.awaitState(ids.get(i), JobState.COMPLETED);
      assertThat(job.result()).isEqualTo("{\"n\":" + i + "}");
      assertThat(job.attempt()).isEqualTo(1);
    }
    assertThat(runs).hasValue(200);
  }

  @Test
  void neverRunsMoreHandlersThanItsConcurrency() {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    fixture.handler(
        "busy",
        ctx -> {
          peak.accumulateAndGet(now.incrementAndGet(), Math::max);
          Thread.sleep(5);
          now.decrementAndGet();
          return Outcome.complete();
        });
    fixture.config(c -> c.concurrency(3)).start();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ids.add(fixture.enqueue(spec("busy").build()));
    }

    ids.forEach(id -> fixture.awaitState(id, JobState.COMPLETED));
    assertThat(peak.get()).isBetween(1, 3);
  }

  @Test
  void thrownException_isRetried_thenSucceeds() {
    AtomicInteger attempts = new AtomicInteger();
    fixture.handler(
        "flaky",
        ctx -> {
          if (attempts.incrementAndGet() == 1) {
            throw new IllegalStateException("first try breaks");
          }
          return Outcome.complete();
        });
    fixture.start();
    UUID id = fixture.enqueue(spec("flaky").maxAttempts(3).build());

    Job job = fixture.awaitState(id, JobState.COMPLETED);
    assertThat(job.attempt()).isEqualTo(2);
    assertThat(job.errors()).hasSize(1);
    assertThat(job.errors().get(0).message()).isEqualTo("first try breaks");
    assertThat(job.errors().get(0).stack()).contains("IllegalStateException");
  }

  @Test
  void exhaustedAttempts_endFailed_withOneErrorPerAttempt() {
    fixture.handler(
        "broken",
        ctx -> {
          throw new IllegalStateException("always");
        });
    fixture.start();
    UUID id = fixture.enqueue(spec("broken").maxAttempts(3).build());

    Job job = fixture.awaitState(id, JobState.FAILED);
    assertThat(job.attempt()).isEqualTo(3);
    assertThat(job.errors()).extracting(e -> e.attempt()).containsExactly(1, 2, 3);
    assertThat(job.finishedAt()).isNotNull();
  }

  @Test
  void permanentFailure_failsAtOnce_whateverAttemptsRemain() {
    fixture.handler("bad-input", ctx -> Outcome.fail("payload names no url"));
    fixture.start();
    UUID id = fixture.enqueue(spec("bad-input").maxAttempts(5).build());

    Job job = fixture.awaitState(id, JobState.FAILED);
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(job.errors())
        .singleElement()
        .extracting(e -> e.message())
        .isEqualTo("payload names no url");
  }

  @Test
  void retryIn_schedulesTheNextAttemptAfterTheGivenDelay() {
    fixture.handler(
        "rate-limited", ctx -> Outcome.retryIn(Duration.ofHours(1), "429 from upstream"));
    fixture.start();
    Instant before = Instant.now();
    UUID id = fixture.enqueue(spec("rate-limited").maxAttempts(3).build());

    Job job = fixture.awaitState(id, JobState.RETRYING);
    assertThat(job.runAt()).isAfterOrEqualTo(before.plus(Duration.ofMinutes(59)));
    assertThat(job.errors())
        .singleElement()
        .extracting(e -> e.message())
        .isEqualTo("429 from upstream");
  }

  @Test
  void unknownKind_failsWithAClearError() {
    fixture.handler("known", ctx -> Outcome.complete());
    fixture.start();
    UUID id = fixture.enqueue(spec("unknown.kind").build());

    Job job = fixture.awaitState(id, JobState.FAILED);
    assertThat(job.errors())
        .singleElement()
        .extracting(e -> e.message())
        .asString()
        .contains("no handler for kind 'unknown.kind'")
        .contains("registered: known");
  }

  @Test
  void handlerPastItsTimeout_isInterrupted_andTheAttemptFails() {
    CountDownLatch interrupted = new CountDownLatch(1);
    fixture.handler(
        "slow",
        ctx -> {
          try {
            Thread.sleep(Duration.ofMinutes(5));
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
          }
          return Outcome.complete();
        });
    fixture.start();
    UUID id = fixture.enqueue(spec("slow").timeout(Duration.ofMillis(200)).maxAttempts(1).build());

    Job job = fixture.awaitState(id, JobState.FAILED);
    assertThat(job.errors())
        .singleElement()
        .extracting(e -> e.message())
        .isEqualTo("timed out after 200 ms");
    assertThat(interrupted.getCount()).isZero();
  }

  @Test
  void progress_isStoredWhileTheJobRuns() throws Exception {
    CountDownLatch reported = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    fixture.handler(
        "report",
        ctx -> {
          ctx.progress(40, "page 4 of 10");
          reported.countDown();
          release.await();
          return Outcome.complete();
        });
    fixture.start();
    UUID id = fixture.enqueue(spec("report").build());

    assertThat(reported.await(20, TimeUnit.SECONDS)).isTrue();
    Job running = fixture.store.get(id).orElseThrow();
    assertThat(running.state()).isEqualTo(JobState.ACTIVE);
    assertThat(running.progress().percent()).isEqualTo(40);
    assertThat(running.progress().message()).isEqualTo("page 4 of 10");
    release.countDown();
    fixture.awaitState(id, JobState.COMPLETED);
  }

  @Test
  void cancellingAnActiveJob_interruptsItsHandler_andNothingOverwritesTheCancel() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    fixture.handler(
        "long",
        ctx -> {
          started.countDown();
          try {
            Thread.sleep(Duration.ofMinutes(5));
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
          return Outcome.complete("{\"late\":true}");
        });
    fixture
        .config(c -> c.lease(Duration.ofMillis(1500)).heartbeatInterval(Duration.ofMillis(100)))
        .start();
    UUID id = fixture.enqueue(spec("long").build());
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

    assertThat(fixture.store.cancel(id)).isTrue();

    assertThat(interrupted.await(20, TimeUnit.SECONDS)).isTrue();
    await().atMost(PoolFixture.WAIT).until(() -> fixture.store.workers().get(0).running() == 0);
    Job job = fixture.store.get(id).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.CANCELLED);
    assertThat(job.result()).isNull();
  }

  @Test
  void wakeUp_startsANewJobWithoutWaitingForThePoll() {
    fixture.handler("noop", ctx -> Outcome.complete());
    fixture.config(c -> c.pollInterval(Duration.ofMinutes(10))).start();
    await().atMost(PoolFixture.WAIT).until(() -> fixture.store.workers().size() == 1);

    UUID id = fixture.enqueue(spec("noop").build());

    // The poll would not come for ten minutes: only the wake-up can explain completion in time.
    fixture.awaitState(id, JobState.COMPLETED);
  }

  @Test
  void claimsOnlyFromItsQueues() {
    fixture.handler("noop", ctx -> Outcome.complete());
    fixture.config(c -> c.queues(List.of(QueuePattern.of("scrape.*")))).start();
    UUID mine = fixture.enqueue(io.drover.JobSpec.builder("scrape.high", "noop").build());
    UUID other = fixture.enqueue(io.drover.JobSpec.builder("email", "noop").build());

    fixture.awaitState(mine, JobState.COMPLETED);
    assertThat(fixture.store.get(other).orElseThrow().state()).isEqualTo(JobState.WAITING);
  }
}
