package io.drover.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Backoff;
import io.drover.Bounds;
import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.Outcome;
import io.drover.store.ClaimRequest;
import io.drover.store.Completion;
import io.drover.store.ExpiredLease;
import io.drover.store.Failure;
import io.drover.store.LeaseRef;
import io.drover.store.QueuePattern;
import io.drover.store.memory.MemoryJobStore;
import io.drover.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobFateTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private final JobFate fate = new JobFate(new SplittableRandom(7));

  @Test
  void returnedNothing_orComplete_isACompletionWithTheResult() {
    Job job = claimed(spec().build());

    assertThat(fate.afterOutcome(job, null, NOW)).isEqualTo(new Completion(job.lease(), null));
    assertThat(fate.afterOutcome(job, Outcome.complete("{\"a\":1}"), NOW))
        .isEqualTo(new Completion(job.lease(), "{\"a\":1}"));
  }

  @Test
  void retryIn_retriesAfterTheDelay_unlessItWasTheLastAttempt() {
    Failure retry =
        (Failure)
            fate.afterOutcome(
                claimed(spec().maxAttempts(2).build()),
                Outcome.retryIn(Duration.ofSeconds(9), "busy"),
                NOW);
    Failure last =
        (Failure)
            fate.afterOutcome(
                claimed(spec().maxAttempts(1).build()),
                Outcome.retryIn(Duration.ofSeconds(9), "busy"),
                NOW);

    assertThat(retry.retryAt()).isEqualTo(NOW.plusSeconds(9));
    assertThat(retry.error().message()).isEqualTo("busy");
    assertThat(last.retryAt()).isNull();
  }

  @Test
  void retryIn_pastTheLatestStoredTime_saturates() {
    Failure failure =
        (Failure)
            fate.afterOutcome(
                claimed(spec().build()),
                Outcome.retryIn(Bounds.MAX_RETRY_DELAY, "later"),
                Bounds.LATEST_TIME.minusSeconds(60));

    assertThat(failure.retryAt()).isEqualTo(Bounds.LATEST_TIME);
  }

  @Test
  void fail_failsForGood_whateverAttemptsRemain() {
    Failure failure =
        (Failure)
            fate.afterOutcome(
                claimed(spec().maxAttempts(5).build()), Outcome.fail("bad input"), NOW);

    assertThat(failure.retryAt()).isNull();
    assertThat(failure.error().attempt()).isEqualTo(1);
  }

  @Test
  void exceptionAndTimeout_retryWithinTheBackoff_andKeepTheStackHead() {
    Job job =
        claimed(spec().backoff(new Backoff(Duration.ofSeconds(4), Duration.ofMinutes(1))).build());

    Failure thrown = fate.afterException(job, new IllegalStateException("boom"), NOW);
    Failure timedOut = fate.afterTimeout(job, NOW);

    assertThat(thrown.retryAt()).isBetween(NOW, NOW.plusSeconds(4));
    assertThat(thrown.error().stack()).startsWith("java.lang.IllegalStateException: boom");
    assertThat(timedOut.retryAt()).isBetween(NOW, NOW.plusSeconds(4));
    assertThat(timedOut.error().message()).isEqualTo("timed out after 30000 ms");
  }

  @Test
  void reportedFailure_followsWhatTheWorkerAsked() {
    Job job = claimed(spec().build());

    Failure noRetry =
        fate.afterReportedFailure(job, new ReportedFailure("gone", "E", false, null), NOW);
    Failure retryIn =
        fate.afterReportedFailure(
            job, new ReportedFailure("later", null, true, Duration.ofSeconds(3)), NOW);

    assertThat(noRetry.retryAt()).isNull();
    assertThat(noRetry.error().stack()).isEqualTo("E: gone");
    assertThat(retryIn.retryAt()).isEqualTo(NOW.plusSeconds(3));
    assertThat(retryIn.error().stack()).isNull();
  }

  @Test
  void expiredLease_countsTheAttempt_andSaysWhatMayHaveHappened() {
    LeaseRef lease = new LeaseRef(UUID.randomUUID(), 42);
    ExpiredLease expired =
        new ExpiredLease(lease, 3, 3, Backoff.DEFAULT, "w-1", NOW.minusSeconds(1));

    Failure failure = fate.failureOf(expired, NOW);

    assertThat(failure.lease()).isEqualTo(lease);
    assertThat(failure.retryAt()).isNull();
    assertThat(failure.error().attempt()).isEqualTo(3);
    assertThat(failure.error().message())
        .isEqualTo(
            "lease expired at 2026-12-04T11:59:59Z: worker w-1 sent no heartbeat or outcome within"
                + " the lease (it stopped, froze, or could not reach the store)");
  }

  private static JobSpec.Builder spec() {
    return JobSpec.builder("q", "k");
  }

  private static Job claimed(JobSpec spec) {
    try (MemoryJobStore store = new MemoryJobStore(new SettableClock(NOW))) {
      store.enqueue(List.of(spec));
      Job job =
          store
              .claim(new ClaimRequest("w", List.of(QueuePattern.of("q")), 1, Duration.ofMinutes(1)))
              .get(0);
      assertThat(job.state()).isEqualTo(JobState.ACTIVE);
      return job;
    }
  }
}
