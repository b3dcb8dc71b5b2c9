package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.store.Completion;
import io.drover.store.Enqueued;
import io.drover.store.Failure;
import io.drover.store.JobChange;
import io.drover.store.JobStore;
import io.drover.store.QueueStats;
import io.drover.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What every area of the contract shares: the store and clock of the running test, and short steps
 * that assert as they go, so a test fails at the step that broke rather than later.
 */
abstract class ContractArea {
  private final JobStoreContract suite;

  ContractArea(JobStoreContract suite) {
    this.suite = suite;
  }

  JobStore store() {
    return suite.store();
  }

  SettableClock clock() {
    return suite.clock();
  }

  Instant now() {
    return clock().instant();
  }

  void advance(Duration duration) {
    clock().advance(duration);
  }

  /** Enqueues one spec that must make a new job. */
  UUID enqueue(JobSpec spec) {
    Enqueued answer = store().enqueue(List.of(spec)).get(0);
    assertThat(answer)
        .as("answer to enqueue of a new spec")
        .isEqualTo(new Enqueued(spec.id(), true));
    return answer.id();
  }

  /** Reaps up to {@code max} expired leases, with core deciding their fate as the reaper does. */
  List<JobChange> reap(int max) {
    return store().reapExpiredLeases(Specs.reap(max));
  }

  Job job(UUID id) {
    return store().get(id).orElseThrow(() -> new AssertionError("no job " + id + " in the store"));
  }

  List<Job> claim(int max, String... queuePatterns) {
    return store().claim(Specs.claim(Specs.WORKER, max, queuePatterns));
  }

  /**
   * Claims the next job of {@code queue} and checks it is {@code expected}; tests that keep other
   * jobs in the queue create the active one first.
   */
  Job claimJob(UUID expected, String queue) {
    List<Job> claimed = claim(1, queue);
    assertThat(claimed).as("claim from %s", queue).extracting(Job::id).containsExactly(expected);
    return claimed.get(0);
  }

  Job enqueueAndClaim(JobSpec spec) {
    return claimJob(enqueue(spec), spec.queue());
  }

  /** Moves the clock to the job's run_at if that is still ahead. */
  void advanceToRunAt(UUID id) {
    Instant runAt = job(id).runAt();
    if (runAt.isAfter(now())) {
      clock().set(runAt);
    }
  }

  /** Moves past the end of a lease taken now, by a millisecond. */
  void expireLease() {
    advance(Specs.LEASE.plusMillis(1));
  }

  /** A job in {@code queue} in {@code state}, made through the store's own operations. */
  UUID jobIn(JobState state, String queue) {
    UUID id = makeJobIn(state, queue);
    assertThat(job(id).state()).as("state of the job made for the test").isEqualTo(state);
    return id;
  }

  private UUID makeJobIn(JobState state, String queue) {
    return switch (state) {
      case SCHEDULED -> enqueue(Specs.job(queue).runAt(now().plus(Duration.ofHours(1))).build());
      case WAITING -> enqueue(Specs.spec(queue));
      case ACTIVE -> enqueueAndClaim(Specs.spec(queue)).id();
      case RETRYING -> {
        Job job = enqueueAndClaim(Specs.spec(queue));
        Instant later = now().plus(Duration.ofHours(1));
        store().fail(List.of(new Failure(job.lease(), Specs.error(job, "retry", now()), later)));
        yield job.id();
      }
      case COMPLETED -> {
        Job job = enqueueAndClaim(Specs.spec(queue));
        store().complete(List.of(new Completion(job.lease(), null)));
        yield job.id();
      }
      case FAILED -> {
        Job job = enqueueAndClaim(Specs.spec(queue));
        store().fail(List.of(new Failure(job.lease(), Specs.error(job, "fatal", now()), null)));
        yield job.id();
      }
      case CANCELLED -> {
        UUID id = enqueue(Specs.spec(queue));
        store().cancel(id);
        yield id;
      }
      case BLOCKED -> throw new IllegalArgumentException("blocked jobs need workflows");
    };
  }

  QueueStats stats(String queue) {
    return store().stats().stream()
        .filter(stats -> stats.queue().equals(queue))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no stats for queue " + queue));
  }
}
