package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.Job;
import io.drover.JobNotFoundException;
import io.drover.JobState;
import io.drover.store.Completion;
import io.drover.store.HeartbeatRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Cancelling: from any state that is not terminal, and never twice. */
abstract class CancelContract extends ContractArea {
  CancelContract(JobStoreContract suite) {
    super(suite);
  }

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      names = {"SCHEDULED", "WAITING", "ACTIVE", "RETRYING"})
  void cancel_jobNotYetTerminal_cancelsIt(JobState state) {
    UUID id = jobIn(state, "work");
    advance(Duration.ofSeconds(1));

    assertThat(store().cancel(id)).isTrue();

    Job cancelled = job(id);
    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(cancelled.finishedAt()).isEqualTo(now());
    assertThat(cancelled.leaseExpiresAt()).isNull();
    clock().set(now().plus(Duration.ofDays(1)));
    assertThat(claim(10, "work")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      names = {"COMPLETED", "FAILED", "CANCELLED"})
  void cancel_terminalJob_returnsFalseAndLeavesIt(JobState state) {
    UUID id = jobIn(state, "work");
    Job before = job(id);
    advance(Duration.ofSeconds(1));

    assertThat(store().cancel(id)).isFalse();

    assertThat(job(id)).isEqualTo(before);
  }

  @Test
  void cancel_activeJob_takesTheLeaseFromItsWorker() {
    Job claimed = enqueueAndClaim(Specs.spec("work"));

    store().cancel(claimed.id());

    HeartbeatRequest heartbeat =
        new HeartbeatRequest(Specs.WORKER, List.of(claimed.lease()), Specs.LEASE);
    assertThat(store().heartbeat(heartbeat)).isEmpty();
    assertThat(store().complete(List.of(new Completion(claimed.lease(), "{}")))).isEmpty();
    expireLease();
    assertThat(reap(100)).isEmpty();
    assertThat(job(claimed.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(job(claimed.id()).result()).isNull();
  }

  @Test
  void cancel_keepsTheJobsHistory() {
    Instant runAt = now().plus(Duration.ofMinutes(10));
    UUID id = enqueue(Specs.job("work").runAt(runAt).payload("{\"k\":1}").build());

    store().cancel(id);

    assertThat(job(id).payload()).isEqualTo("{\"k\":1}");
    assertThat(job(id).runAt()).isEqualTo(runAt);
  }

  @Test
  void cancel_unknownId_throwsJobNotFound() {
    UUID unknown = UUID.randomUUID();

    assertThatThrownBy(() -> store().cancel(unknown))
        .isInstanceOf(JobNotFoundException.class)
        .hasMessageContaining(unknown.toString());
  }
}
