package io.drover.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Backoff;
import io.drover.Bounds;
import io.drover.Job;
import io.drover.JobError;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.Priority;
import io.drover.lifecycle.JobFate;
import io.drover.retry.RetryPolicy;
import io.drover.store.ClaimRequest;
import io.drover.store.Failure;
import io.drover.store.JobChange;
import io.drover.store.QueuePattern;
import io.drover.store.ReapRequest;
import io.drover.time.SettableClock;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Values at the far ends of {@link Bounds} go in, come back unchanged, and a job with the largest
 * backoff fails, retries and is reaped like any other.
 */
class ExtremeValuesTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Backoff LARGEST =
      new Backoff(Bounds.MAX_RETRY_DELAY, Bounds.MAX_RETRY_DELAY);

  private final SettableClock clock = new SettableClock(NOW);
  private final MemoryJobStore store = new MemoryJobStore(clock);

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void theLargestValues_areStoredAndReadBackUnchanged() {
    JobSpec latest =
        extreme()
            .runAt(Bounds.LATEST_TIME)
            .priority(Priority.MAX)
            .dedupKey("k")
            .dedupWindow(Bounds.MAX_DEDUP_WINDOW)
            .build();
    JobSpec delayed = extreme().delay(Bounds.MAX_DELAY, NOW).build();

    store.enqueue(List.of(latest, delayed));

    Job stored = store.get(latest.id()).orElseThrow();
    assertThat(stored.state()).isEqualTo(JobState.SCHEDULED);
    assertThat(stored.runAt()).isEqualTo(Bounds.LATEST_TIME);
    assertThat(stored.backoff()).isEqualTo(LARGEST);
    assertThat(stored.timeout()).isEqualTo(Bounds.MAX_TIMEOUT);
    assertThat(stored.maxAttempts()).isEqualTo(Bounds.MAX_ATTEMPTS);
    assertThat(store.get(delayed.id()).orElseThrow().runAt()).isEqualTo(NOW.plus(Bounds.MAX_DELAY));
  }

  @Test
  void aJobWithTheLargestBackoff_failsAndRetriesWithinItsCap() {
    UUID id = enqueueDue();
    Job claimed = claim();

    Instant retryAt =
        RetryPolicy.nextRunAt(
            claimed.backoff(),
            claimed.attempt(),
            claimed.maxAttempts(),
            NOW,
            new SplittableRandom(1));
    store.fail(List.of(new Failure(claimed.lease(), new JobError(1, "boom", null, NOW), retryAt)));

    Job failed = store.get(id).orElseThrow();
    assertThat(failed.state()).isEqualTo(JobState.RETRYING);
    assertThat(failed.runAt()).isBetween(NOW, NOW.plus(Bounds.MAX_RETRY_DELAY));
  }

  @Test
  void aJobWithTheLargestBackoff_isReapedIntoRetrying() {
    UUID id = enqueueDue();
    claim();
    clock.advance(Bounds.MAX_LEASE.plusMillis(1));

    assertThat(store.reapExpiredLeases(new ReapRequest(10, new JobFate(new SplittableRandom(1)))))
        .extracting(JobChange::id)
        .containsExactly(id);

    Job reaped = store.get(id).orElseThrow();
    assertThat(reaped.state()).isEqualTo(JobState.RETRYING);
    assertThat(reaped.runAt())
        .isBetween(clock.instant(), clock.instant().plus(Bounds.MAX_RETRY_DELAY));
  }

  private static JobSpec.Builder extreme() {
    return JobSpec.builder("q", "k")
        .backoff(LARGEST)
        .timeout(Bounds.MAX_TIMEOUT)
        .maxAttempts(Bounds.MAX_ATTEMPTS);
  }

  private UUID enqueueDue() {
    JobSpec spec = extreme().runAt(Bounds.EARLIEST_TIME).build();
    store.enqueue(List.of(spec));
    return spec.id();
  }

  private Job claim() {
    List<Job> claimed =
        store.claim(new ClaimRequest("w", List.of(QueuePattern.of("q")), 1, Bounds.MAX_LEASE));
    assertThat(claimed).hasSize(1);
    return claimed.get(0);
  }
}
