package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drover.Job;
import io.drover.JobError;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.Progress;
import io.drover.store.Completion;
import io.drover.store.Failure;
import io.drover.store.JobChange;
import io.drover.store.LeaseRef;
import io.drover.store.ProgressUpdate;
import io.drover.store.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a worker reports about a job it holds: progress, success, failure, or giving it back. */
abstract class AcknowledgementContract extends ContractArea {
  private static final String MAIL_KIND = "mail.send";

  AcknowledgementContract(JobStoreContract suite) {
    super(suite);
  }

  @Test
  void complete_storesTheResultAndFinishesTheJob() {
    Job claimed = enqueueAndClaim(Specs.spec("work"));
    advance(Duration.ofSeconds(2));
    String result = "{\"pages\": 12, \"title\": \"Grüße 🌍\"}";

    assertThat(store().complete(List.of(new Completion(claimed.lease(), result))))
        .extracting(JobChange::id)
        .containsExactly(claimed.id());

    Job done = job(claimed.id());
    assertThat(done.state()).isEqualTo(JobState.COMPLETED);
    assertThat(done.result()).isEqualTo(result);
    assertThat(done.finishedAt()).isEqualTo(now());
    assertThat(done.leaseExpiresAt()).isNull();
    assertThat(done.attempt()).isEqualTo(1);
    assertThat(claim(1, "work")).isEmpty();
  }

  @Test
  void complete_withoutResult_storesNone() {
    Job claimed = enqueueAndClaim(Specs.spec("work"));

    store().complete(List.of(new Completion(claimed.lease(), null)));

    assertThat(job(claimed.id()).state()).isEqualTo(JobState.COMPLETED);
    assertThat(job(claimed.id()).result()).isNull();
  }

  @Test
  void complete_secondTime_isIgnored() {
    Job claimed = enqueueAndClaim(Specs.spec("work"));
    store().complete(List.of(new Completion(claimed.lease(), "1")));

    assertThat(store().complete(List.of(new Completion(claimed.lease(), "2")))).isEmpty();
    assertThat(job(claimed.id()).result()).isEqualTo("1");
  }

  @Test
  void complete_batch_completesEachHeldLease() {
    store().enqueue(Specs.specs("work", 3));
    List<Job> claimed = claim(3, "work");
    List<Completion> completions =
        claimed.stream().map(job -> new Completion(job.lease(), null)).toList();

    assertThat(store().complete(completions))
        .extracting(JobChange::id)
        .containsExactlyInAnyOrderElementsOf(claimed.stream().map(Job::id).toList());
    assertThat(stats("work").count(JobState.COMPLETED)).isEqualTo(3);
  }

  @Test
  void fail_withRetryAt_retriesAtThatTime() {
    Job claimed = enqueueAndClaim(Specs.job("work").maxAttempts(3).build());
    Instant retryAt = now().plus(Duration.ofSeconds(45));
    JobError error = Specs.error(claimed, "upstream 503", now());

    assertThat(store().fail(List.of(new Failure(claimed.lease(), error, retryAt))))
        .extracting(JobChange::id)
        .containsExactly(claimed.id());

    Job retrying = job(claimed.id());
    assertThat(retrying.state()).isEqualTo(JobState.RETRYING);
    assertThat(retrying.runAt()).isEqualTo(retryAt);
    assertThat(retrying.errors()).containsExactly(error);
    assertThat(retrying.finishedAt()).isNull();
    assertThat(retrying.leaseExpiresAt()).isNull();
    clock().set(retryAt.minusMillis(1));
    assertThat(claim(1, "work")).isEmpty();
    clock().set(retryAt);
    assertThat(claimJob(claimed.id(), "work").attempt()).isEqualTo(2);
  }

  @Test
  void fail_withoutRetryAt_failsAtOnceWhateverAttemptsRemain() {
    Job claimed = enqueueAndClaim(Specs.job("work").maxAttempts(5).build());
    JobError error = Specs.error(claimed, "404 not found", now());

    store().fail(List.of(new Failure(claimed.lease(), error, null)));

    Job failed = job(claimed.id());
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.finishedAt()).isEqualTo(now());
    assertThat(failed.attempt()).isEqualTo(1);
    assertThat(failed.errors()).containsExactly(error);
    assertThat(claim(1, "work")).isEmpty();
  }

  @Test
  void fail_appendsOneErrorPerAttemptInOrder() {
    Job first = enqueueAndClaim(Specs.job("work").maxAttempts(3).build());
    JobError firstError = Specs.error(first, "timeout", now());
    store().fail(List.of(new Failure(first.lease(), firstError, now())));
    advance(Duration.ofSeconds(1));
    Job second = claimJob(first.id(), "work");
    JobError secondError = Specs.error(second, "refused", now());

    store().fail(List.of(new Failure(second.lease(), secondError, null)));

    assertThat(job(first.id()).errors()).containsExactly(firstError, secondError);
    assertThat(job(first.id()).errors()).extracting(JobError::attempt).containsExactly(1, 2);
  }

  @Test
  void release_returnsTheJobAndGivesBackTheAttempt() {
    Job claimed = enqueueAndClaim(Specs.job("work").maxAttempts(1).build());

    assertThat(store().release(List.of(new Release(claimed.lease()))))
        .extracting(JobChange::id)
        .containsExactly(claimed.id());

    Job released = job(claimed.id());
    assertThat(released.state()).isEqualTo(JobState.WAITING);
    assertThat(released.attempt()).isZero();
    assertThat(released.leaseExpiresAt()).isNull();
    Job again = claimJob(claimed.id(), "work");
    assertThat(again.attempt()).isEqualTo(1);
    assertThat(again.isLastAttempt()).isTrue();
  }

  @Test
  void updateProgress_isStoredAndReplaced() {
    Job claimed = enqueueAndClaim(Specs.spec("work"));

    assertThat(
            store()
                .updateProgress(
                    List.of(new ProgressUpdate(claimed.lease(), new Progress(40, "page 4 of 10")))))
        .extracting(JobChange::id)
        .containsExactly(claimed.id());
    assertThat(job(claimed.id()).progress()).isEqualTo(new Progress(40, "page 4 of 10"));

    store().updateProgress(List.of(new ProgressUpdate(claimed.lease(), new Progress(80, null))));
    assertThat(job(claimed.id()).progress()).isEqualTo(new Progress(80, null));
  }

  @Test
  void complete_answersTheJobCompleted_withItsQueueKindAndAttempt() {
    Job claimed = enqueueAndClaim(mail().build());

    assertThat(store().complete(List.of(new Completion(claimed.lease(), "{}"))))
        .containsExactly(
            new JobChange(claimed.id(), "mail", MAIL_KIND, 1, JobState.COMPLETED, null, null));
  }

  @Test
  void fail_withRetryAt_answersRetrying_withTheRunAtAndTheErrorMessage() {
    Job claimed = enqueueAndClaim(mail().maxAttempts(3).build());
    Instant retryAt = now().plus(Duration.ofSeconds(45));
    JobError error = Specs.error(claimed, "smtp down", now());

    assertThat(store().fail(List.of(new Failure(claimed.lease(), error, retryAt))))
        .containsExactly(
            new JobChange(
                claimed.id(), "mail", MAIL_KIND, 1, JobState.RETRYING, retryAt, "smtp down"));
  }

  @Test
  void fail_withoutRetryAt_answersFailed_withTheAttemptThatRanAndTheErrorMessage() {
    Job second = secondAttempt(mail().maxAttempts(3).build());
    JobError error = Specs.error(second, "bad address", now());

    assertThat(store().fail(List.of(new Failure(second.lease(), error, null))))
        .containsExactly(
            new JobChange(second.id(), "mail", MAIL_KIND, 2, JobState.FAILED, null, "bad address"));
  }

  @Test
  void release_answersTheJobWaiting_withTheAttemptGivenBack() {
    Job second = secondAttempt(mail().maxAttempts(3).build());

    assertThat(store().release(List.of(new Release(second.lease()))))
        .containsExactly(
            new JobChange(second.id(), "mail", MAIL_KIND, 1, JobState.WAITING, null, null));
  }

  @Test
  void updateProgress_answersTheJobStillActive_onceForEachUpdateStored() {
    Job claimed = enqueueAndClaim(mail().build());
    List<ProgressUpdate> twice =
        List.of(
            new ProgressUpdate(claimed.lease(), new Progress(10, null)),
            new ProgressUpdate(claimed.lease(), new Progress(20, "page 2")));
    JobChange active =
        new JobChange(claimed.id(), "mail", MAIL_KIND, 1, JobState.ACTIVE, null, null);

    assertThat(store().updateProgress(twice)).containsExactly(active, active);
    assertThat(job(claimed.id()).progress()).isEqualTo(new Progress(20, "page 2"));
  }

  @Test
  void answers_followTheBatchsOrder_acrossQueues_leavingOutLeasesNotHeld() {
    Job firstB = enqueueAndClaim(Specs.spec("b"));
    Job onlyA = enqueueAndClaim(Specs.spec("a"));
    Job secondB = enqueueAndClaim(Specs.spec("b"));
    LeaseRef unknown = new LeaseRef(UUID.randomUUID(), 1);
    List<Completion> batch =
        List.of(
            new Completion(secondB.lease(), null),
            new Completion(unknown, null),
            new Completion(onlyA.lease(), null),
            new Completion(firstB.lease(), null));

    assertThat(store().complete(batch))
        .extracting(JobChange::id, JobChange::queue)
        .containsExactly(tuple(secondB.id(), "b"), tuple(onlyA.id(), "a"), tuple(firstB.id(), "b"));
  }

  @Test
  void acknowledgements_forUnknownJobs_areIgnored() {
    LeaseRef unknown = new LeaseRef(UUID.randomUUID(), 1);
    JobError error = new JobError(1, "x", null, now());

    assertThat(store().complete(List.of(new Completion(unknown, null)))).isEmpty();
    assertThat(store().fail(List.of(new Failure(unknown, error, null)))).isEmpty();
    assertThat(store().release(List.of(new Release(unknown)))).isEmpty();
    assertThat(store().updateProgress(List.of(new ProgressUpdate(unknown, new Progress(1, null)))))
        .isEmpty();
  }

  @Test
  void acknowledgements_ofAJobNeverClaimed_areIgnored() {
    UUID id = enqueue(Specs.spec("work"));
    LeaseRef guessed = new LeaseRef(id, 1);

    assertThat(store().complete(List.of(new Completion(guessed, null)))).isEmpty();
    assertThat(store().release(List.of(new Release(guessed)))).isEmpty();
    assertThat(job(id).state()).isEqualTo(JobState.WAITING);
  }

  /** A job of a queue and kind of its own, so answers show they carry the job's. */
  private static JobSpec.Builder mail() {
    return JobSpec.builder("mail", MAIL_KIND);
  }

  /** Claims {@code spec}, fails its first attempt with a retry due now, and claims it again. */
  private Job secondAttempt(JobSpec spec) {
    Job first = enqueueAndClaim(spec);
    store().fail(List.of(new Failure(first.lease(), Specs.error(first, "flaky", now()), now())));
    Job second = claimJob(first.id(), spec.queue());
    assertThat(second.attempt()).isEqualTo(2);
    return second;
  }
}
