package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.Job;
import io.drover.JobNotFoundException;
import io.drover.JobState;
import io.drover.store.Failure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Retry now: an operator's way to run a job again at once, even one that ran out of attempts. */
abstract class RetryNowContract extends ContractArea {
  RetryNowContract(JobStoreContract suite) {
    super(suite);
  }

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      names = {"SCHEDULED", "RETRYING", "FAILED", "CANCELLED"})
  void retryNow_allowedState_makesTheJobDueNow(JobState state) {
    UUID id = jobIn(state, "work");
    advance(Duration.ofSeconds(1));

    assertThat(store().retryNow(id)).isTrue();

    Job waiting = job(id);
    assertThat(waiting.state()).isEqualTo(JobState.WAITING);
    assertThat(waiting.runAt()).isEqualTo(now());
    assertThat(waiting.finishedAt()).isNull();
    assertThat(claim(1, "work")).extracting(Job::id).containsExactly(id);
  }

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      names = {"WAITING", "ACTIVE", "COMPLETED"})
  void retryNow_stateThatDoesNotAllowIt_returnsFalseAndLeavesTheJob(JobState state) {
    UUID id = jobIn(state, "work");
    Job before = job(id);
    advance(Duration.ofSeconds(1));

    assertThat(store().retryNow(id)).isFalse();

    assertThat(job(id)).isEqualTo(before);
  }

  @Test
  void retryNow_jobWithNoAttemptsLeft_getsOneMore() {
    Job claimed = enqueueAndClaim(Specs.job("work").maxAttempts(1).build());
    store().fail(List.of(new Failure(claimed.lease(), Specs.error(claimed, "x", now()), null)));

    assertThat(store().retryNow(claimed.id())).isTrue();

    Job again = claimJob(claimed.id(), "work");
    assertThat(again.attempt()).isEqualTo(2);
    assertThat(again.maxAttempts()).isEqualTo(2);
    assertThat(again.errors()).hasSize(1);
  }

  @Test
  void retryNow_jobWithAttemptsLeft_keepsItsLimit() {
    Job claimed = enqueueAndClaim(Specs.job("work").maxAttempts(3).build());
    store().fail(List.of(new Failure(claimed.lease(), Specs.error(claimed, "x", now()), null)));

    store().retryNow(claimed.id());

    assertThat(job(claimed.id()).maxAttempts()).isEqualTo(3);
  }

  @Test
  void retryNow_unknownId_throwsJobNotFound() {
    UUID unknown = UUID.randomUUID();

    assertThatThrownBy(() -> store().retryNow(unknown))
        .isInstanceOf(JobNotFoundException.class)
        .hasMessageContaining(unknown.toString());
  }
}
