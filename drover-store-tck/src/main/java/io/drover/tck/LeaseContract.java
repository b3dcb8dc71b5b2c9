package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Backoff;
import io.drover.Bounds;
import io.drover.Job;
import io.drover.JobError;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.Progress;
import io.drover.lifecycle.JobFate;
import io.drover.store.Completion;
import io.drover.store.ExpiredLease;
import io.drover.store.Failure;
import io.drover.store.HeartbeatRequest;
import io.drover.store.JobChange;
import io.drover.store.LeaseExpiry;
import io.drover.store.LeaseRef;
import io.drover.store.ProgressUpdate;
import io.drover.store.ReapRequest;
import io.drover.store.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Leases: heartbeats keep them, expiry loses them, the reaper recovers their jobs, and a lost
 * lease's token can no longer touch the job (the fencing guarantee, DESIGN §8).
 */
abstract class LeaseContract extends ContractArea {
  private static final Backoff BACKOFF =
      new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(60));

  LeaseContract(JobStoreContract suite) {
    super(suite);
  }

  @Test
  void reap_expiredLease_retriesTheJobWithTheAttemptCounted() {
    Job claimed = enqueueAndClaim(Specs.job("work").maxAttempts(3).build());
    expireLease();

    assertThat(reap(100)).extracting(JobChange::id).containsExactly(claimed.id());

    Job reaped = job(claimed.id());
    assertThat(reaped.state()).isEqualTo(JobState.RETRYING);
    assertThat(reaped.attempt()).isEqualTo(1);
    assertThat(reaped.leaseExpiresAt()).isNull();
    assertThat(reaped.errors()).hasSize(1);
    assertThat(reaped.errors().get(0).attempt()).isEqualTo(1);
    assertThat(reaped.errors().get(0).message()).contains("lease expired");
    assertThat(reaped.errors().get(0).at()).isEqualTo(now());
    advanceToRunAt(claimed.id());
    assertThat(claimJob(claimed.id(), "work").attempt()).isEqualTo(2);
  }

  @Test
  void reap_answersWhatChanged_retryingWithItsRunAt_orFailedOnTheLastAttempt_withTheError() {
    Job retried = enqueueAndClaim(JobSpec.builder("mail", "mail.send").maxAttempts(3).build());
    Job failed = enqueueAndClaim(JobSpec.builder("mail", "mail.send").maxAttempts(1).build());
    expireLease();

    List<JobChange> reaped = reap(100);

    Job retrying = job(retried.id());
    assertThat(reaped)
        .containsExactlyInAnyOrder(
            new JobChange(
                retried.id(),
                "mail",
                "mail.send",
                1,
                JobState.RETRYING,
                retrying.runAt(),
                retrying.errors().getLast().message()),
            new JobChange(
                failed.id(),
                "mail",
                "mail.send",
                1,
                JobState.FAILED,
                null,
                job(failed.id()).errors().getLast().message()));
    assertThat(reaped).allSatisfy(change -> assertThat(change.error()).contains("lease expired"));
  }

  @Test
  void reap_leaseNotYetExpired_leavesTheJob() {
    Job claimed = enqueueAndClaim(Specs.spec("work"));
    advance(Specs.LEASE.minusMillis(1));

    assertThat(reap(100)).isEmpty();
    assertThat(job(claimed.id()).state()).isEqualTo(JobState.ACTIVE);
  }

  @Test
  void reap_takesAtMostMax() {
    store().enqueue(Specs.specs("work", 3));
    assertThat(claim(3, "work")).hasSize(3);
    expireLease();

    assertThat(reap(2)).hasSize(2);
    assertThat(reap(2)).hasSize(1);
    assertThat(reap(2)).isEmpty();
  }

  @Test
  void reap_aJobWhoseFateCannotBeDecided_isFailedForGood_andTheRestAreStillReaped() {
    store().enqueue(Specs.specs("work", 3));
    List<Job> claimed = claim(3, "work");
    assertThat(claimed).hasSize(3);
    UUID poisoned = claimed.get(1).id();
    expireLease();
    JobFate fate = new JobFate(new java.util.SplittableRandom(1));
    LeaseExpiry poisonous =
        new LeaseExpiry() {
          @Override
          public Failure failureOf(ExpiredLease lease, Instant now) {
            if (lease.lease().jobId().equals(poisoned)) {
              throw new ArithmeticException("long overflow");
            }
            return fate.failureOf(lease, now);
          }

          @Override
          public Failure unreadable(
              LeaseRef lease, String workerId, RuntimeException problem, Instant now) {
            return fate.unreadable(lease, workerId, problem, now);
          }
        };

    assertThat(store().reapExpiredLeases(new ReapRequest(100, poisonous)))
        .extracting(JobChange::id)
        .containsExactlyInAnyOrderElementsOf(claimed.stream().map(Job::id).toList());

    assertThat(job(poisoned).state()).isEqualTo(JobState.FAILED);
    assertThat(job(poisoned).errors().getLast().message())
        .contains("could not be read (java.lang.ArithmeticException: long overflow)");
    claimed.stream()
        .map(Job::id)
        .filter(id -> !id.equals(poisoned))
        .forEach(id -> assertThat(job(id).state()).isEqualTo(JobState.RETRYING));
  }

  @Test
  void reap_aJobWithTheLargestBackoffAllowed_isRetriedWithinIt() {
    Backoff largest = new Backoff(Bounds.MAX_RETRY_DELAY, Bounds.MAX_RETRY_DELAY);
    Job claimed =
        enqueueAndClaim(
            Specs.job("work").maxAttempts(Bounds.MAX_ATTEMPTS).backoff(largest).build());
    expireLease();

    assertThat(reap(100)).extracting(JobChange::id).containsExactly(claimed.id());

    Job reaped = job(claimed.id());
    assertThat(reaped.state()).isEqualTo(JobState.RETRYING);
    assertThat(reaped.runAt()).isBetween(now(), now().plus(Bounds.MAX_RETRY_DELAY));
  }

  @Test
  void reap_lastAttempt_failsTheJob() {
    Job claimed = enqueueAndClaim(Specs.job("work").maxAttempts(1).build());
    expireLease();

    assertThat(reap(100)).extracting(JobChange::id).containsExactly(claimed.id());

    Job failed = job(claimed.id());
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.finishedAt()).isEqualTo(now());
    assertThat(failed.errors()).hasSize(1);
    assertThat(failed.errors().get(0).message()).contains("lease expired");
  }

  @Test
  void reap_exhaustsAttemptsOneLeaseAtATime() {
    UUID id = enqueue(Specs.job("work").maxAttempts(2).backoff(BACKOFF).build());
    for (int attempt = 1; attempt <= 2; attempt++) {
      advanceToRunAt(id);
      claimJob(id, "work");
      expireLease();
      assertThat(reap(100)).extracting(JobChange::id).containsExactly(id);
    }

    assertThat(job(id).state()).isEqualTo(JobState.FAILED);
    assertThat(job(id).attempt()).isEqualTo(2);
    assertThat(job(id).errors()).extracting(JobError::attempt).containsExactly(1, 2);
  }

  @Test
  void reap_schedulesTheRetryWithinTheBackoffCeiling() {
    UUID id = enqueue(Specs.job("work").maxAttempts(5).backoff(BACKOFF).build());
    for (int attempt = 1; attempt <= 3; attempt++) {
      advanceToRunAt(id);
      claimJob(id, "work");
      expireLease();
      reap(100);

      Instant runAt = job(id).runAt();
      assertThat(runAt)
          .as("retry after attempt %d", attempt)
          .isBetween(now(), now().plus(BACKOFF.ceiling(attempt)));
    }
  }

  @Test
  void heartbeat_keepsTheLeasePastItsFirstExpiry() {
    Job claimed = enqueueAndClaim(Specs.spec("work"));
    advance(Duration.ofSeconds(20));

    assertThat(store().heartbeat(heartbeat(claimed.lease()))).containsExactly(claimed.id());
    assertThat(job(claimed.id()).leaseExpiresAt()).isEqualTo(now().plus(Specs.LEASE));
    advance(Duration.ofSeconds(20));

    assertThat(reap(100)).isEmpty();
    assertThat(job(claimed.id()).state()).isEqualTo(JobState.ACTIVE);
  }

  @Test
  void heartbeat_returnsOnlyTheLeasesStillHeld() {
    Job held = enqueueAndClaim(Specs.spec("work"));
    Job done = enqueueAndClaim(Specs.spec("work"));
    store().complete(List.of(new Completion(done.lease(), null)));
    LeaseRef unknown = new LeaseRef(UUID.randomUUID(), 1);

    assertThat(store().heartbeat(heartbeat(held.lease(), done.lease(), unknown)))
        .containsExactly(held.id());
  }

  @Test
  void staleToken_isRejected_afterTheJobWasReapedAndClaimedAgain() {
    Job first = enqueueAndClaim(Specs.job("work").maxAttempts(3).build());
    expireLease();
    reap(100);
    advanceToRunAt(first.id());
    Job second = claimJob(first.id(), "work");
    LeaseRef stale = first.lease();

    assertThat(second.leaseToken()).isGreaterThan(stale.token());
    assertThat(store().heartbeat(heartbeat(stale))).isEmpty();
    assertThat(store().updateProgress(List.of(new ProgressUpdate(stale, new Progress(50, "x")))))
        .isEmpty();
    assertThat(store().complete(List.of(new Completion(stale, "{}")))).isEmpty();
    assertThat(store().fail(List.of(new Failure(stale, Specs.error(first, "late", now()), null))))
        .isEmpty();
    assertThat(store().release(List.of(new Release(stale)))).isEmpty();

    Job current = job(first.id());
    assertThat(current.state()).isEqualTo(JobState.ACTIVE);
    assertThat(current.leaseToken()).isEqualTo(second.leaseToken());
    assertThat(current.leaseExpiresAt()).isEqualTo(second.leaseExpiresAt());
    assertThat(current.attempt()).isEqualTo(2);
    assertThat(current.progress()).isNull();
    assertThat(current.errors()).hasSize(1);
    assertThat(store().complete(List.of(new Completion(second.lease(), "{}"))))
        .extracting(JobChange::id)
        .containsExactly(first.id());
  }

  private static HeartbeatRequest heartbeat(LeaseRef... leases) {
    return new HeartbeatRequest(Specs.WORKER, List.of(leases), Specs.LEASE);
  }
}
