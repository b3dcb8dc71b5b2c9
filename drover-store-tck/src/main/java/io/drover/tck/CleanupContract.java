package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.store.CleanupRequest;
import io.drover.store.Completion;
import io.drover.store.Enqueued;
import io.drover.store.JobQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Cleanup: terminal jobs go once their state's retention has passed since they finished. */
abstract class CleanupContract extends ContractArea {
  private static final CleanupRequest RETENTION =
      new CleanupRequest(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), 100);

  CleanupContract(JobStoreContract suite) {
    super(suite);
  }

  @Test
  void cleanup_deletesEachTerminalStatePastItsOwnRetention() {
    UUID completed = jobIn(JobState.COMPLETED, "work");
    UUID failed = jobIn(JobState.FAILED, "work");
    UUID cancelled = jobIn(JobState.CANCELLED, "work");

    advance(Duration.ofHours(1).plusMillis(1));
    assertThat(store().cleanup(RETENTION)).isEqualTo(1);
    assertThat(store().get(completed)).isEmpty();
    assertThat(store().get(failed)).isPresent();

    advance(Duration.ofHours(1));
    assertThat(store().cleanup(RETENTION)).isEqualTo(1);
    assertThat(store().get(failed)).isEmpty();
    assertThat(store().get(cancelled)).isPresent();

    advance(Duration.ofHours(1));
    assertThat(store().cleanup(RETENTION)).isEqualTo(1);
    assertThat(store().get(cancelled)).isEmpty();
  }

  @Test
  void cleanup_keepsJobsStillInsideTheirRetention() {
    UUID completed = jobIn(JobState.COMPLETED, "work");
    advance(Duration.ofMinutes(59));

    assertThat(store().cleanup(RETENTION)).isZero();
    assertThat(store().get(completed)).isPresent();
  }

  @Test
  void cleanup_neverDeletesJobsThatAreNotTerminal() {
    List<UUID> alive = new ArrayList<>();
    for (JobState state :
        List.of(JobState.ACTIVE, JobState.RETRYING, JobState.WAITING, JobState.SCHEDULED)) {
      alive.add(jobIn(state, "work"));
    }
    advance(Duration.ofDays(365));

    assertThat(store().cleanup(RETENTION)).isZero();
    alive.forEach(id -> assertThat(store().get(id)).as("job %s", id).isPresent());
  }

  @Test
  void cleanup_countsRetentionFromTheFinishNotTheCreation() {
    UUID id = enqueue(Specs.spec("work"));
    advance(Duration.ofMinutes(50));
    Job claimed = claimJob(id, "work");
    store().complete(List.of(new Completion(claimed.lease(), null)));

    advance(Duration.ofMinutes(11));
    assertThat(store().cleanup(RETENTION)).isZero();
    advance(Duration.ofMinutes(50));
    assertThat(store().cleanup(RETENTION)).isEqualTo(1);
  }

  @Test
  void cleanup_deletesAtMostTheBatchSize() {
    for (int i = 0; i < 5; i++) {
      jobIn(JobState.COMPLETED, "work");
    }
    advance(Duration.ofDays(30));
    CleanupRequest small =
        new CleanupRequest(RETENTION.completed(), RETENTION.failed(), RETENTION.cancelled(), 2);

    assertThat(store().cleanup(small)).isEqualTo(2);
    assertThat(store().cleanup(small)).isEqualTo(2);
    assertThat(store().cleanup(small)).isEqualTo(1);
    assertThat(store().cleanup(small)).isZero();
  }

  @Test
  void cleanup_freesTheDedupKeyOfAJobItDeletes_evenInsideTheWindow() {
    JobSpec.Builder keyed = Specs.job("work").dedupKey("k").dedupWindow(Duration.ofDays(30));
    Job claimed = enqueueAndClaim(keyed.build());
    store().complete(List.of(new Completion(claimed.lease(), null)));
    advance(Duration.ofHours(2));
    assertThat(store().cleanup(RETENTION)).isEqualTo(1);

    JobSpec again = keyed.build();

    assertThat(store().enqueue(List.of(again))).containsExactly(new Enqueued(again.id(), true));
  }

  @Test
  void cleanup_removesDeletedJobsFromListsAndStats() {
    UUID completed = jobIn(JobState.COMPLETED, "work");
    UUID waiting = jobIn(JobState.WAITING, "work");
    advance(Duration.ofDays(8));

    store().cleanup(CleanupRequest.DEFAULT);

    assertThat(store().list(JobQuery.all()).jobs()).extracting(Job::id).containsExactly(waiting);
    assertThat(stats("work").count(JobState.COMPLETED)).isZero();
    assertThat(stats("work").total()).isEqualTo(1);
    assertThat(store().get(completed)).isEmpty();
  }
}
