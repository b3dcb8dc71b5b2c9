package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.Job;
import io.drover.JobNotFoundException;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.store.Completion;
import io.drover.store.Enqueued;
import io.drover.store.Failure;
import io.drover.store.JobChange;
import io.drover.store.JobQuery;
import io.drover.store.PurgeRequest;
import io.drover.store.QueueStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deleting: one job, or a queue's jobs in one state, with every trace a job leaves (indexes,
 * counts, its de-duplication key), but never a job a worker holds.
 */
abstract class DeletionContract extends ContractArea {
  /** More than any store deletes in one step, so a purge must take several. */
  private static final int MANY = 2_500;

  DeletionContract(JobStoreContract suite) {
    super(suite);
  }

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      names = {"SCHEDULED", "WAITING", "RETRYING", "COMPLETED", "FAILED", "CANCELLED"})
  void delete_jobNotActive_removesItFromGetListAndStats(JobState state) {
    UUID id = jobIn(state, "work");
    UUID kept = jobIn(JobState.WAITING, "work");

    assertThat(store().delete(id)).isTrue();

    assertThat(store().get(id)).isEmpty();
    assertThat(store().list(JobQuery.all()).jobs()).extracting(Job::id).containsExactly(kept);
    assertThat(stats("work").counts()).isEqualTo(Map.of(JobState.WAITING, 1L));
  }

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      names = {"SCHEDULED", "RETRYING"})
  void delete_jobDueLater_isNeverClaimed(JobState state) {
    UUID id = jobIn(state, "work");

    store().delete(id);

    advance(Duration.ofDays(1));
    assertThat(claim(10, "work")).isEmpty();
  }

  @Test
  void delete_activeJob_returnsFalseAndItsWorkerCanStillComplete() {
    Job claimed = enqueueAndClaim(Specs.spec("work"));

    assertThat(store().delete(claimed.id())).isFalse();

    assertThat(job(claimed.id()).state()).isEqualTo(JobState.ACTIVE);
    assertThat(store().complete(List.of(new Completion(claimed.lease(), "{}"))))
        .extracting(JobChange::id)
        .containsExactly(claimed.id());
    assertThat(job(claimed.id()).state()).isEqualTo(JobState.COMPLETED);
  }

  @Test
  void delete_unknownId_throwsJobNotFound() {
    UUID unknown = UUID.randomUUID();

    assertThatThrownBy(() -> store().delete(unknown))
        .isInstanceOf(JobNotFoundException.class)
        .hasMessageContaining(unknown.toString());
  }

  @Test
  void delete_twice_throwsJobNotFoundTheSecondTime() {
    UUID id = jobIn(JobState.COMPLETED, "work");
    store().delete(id);

    assertThatThrownBy(() -> store().delete(id)).isInstanceOf(JobNotFoundException.class);
  }

  @Test
  void delete_freesTheJobsDedupKey() {
    UUID first = enqueue(keyed("order-7"));
    store().delete(first);
    JobSpec again = keyed("order-7");

    assertThat(store().enqueue(List.of(again))).containsExactly(new Enqueued(again.id(), true));
    assertThat(store().get(first)).isEmpty();
    assertThat(stats("work").total()).isEqualTo(1);
  }

  @Test
  void delete_leavesAKeyThatALaterJobHasTaken() {
    UUID first = enqueue(keyed("order-7"));
    advance(Duration.ofHours(1).plusMillis(1));
    UUID second = enqueue(keyed("order-7"));

    store().delete(first);

    assertThat(store().enqueue(List.of(keyed("order-7"))))
        .containsExactly(new Enqueued(second, false));
  }

  @Test
  void purge_deletesOnlyThatStateOfThatQueue_andCountsThem() {
    List<UUID> purged = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      purged.add(jobIn(JobState.FAILED, "a"));
    }
    jobIn(JobState.COMPLETED, "a");
    jobIn(JobState.FAILED, "b");
    jobIn(JobState.FAILED, "b");
    jobIn(JobState.WAITING, "a");

    assertThat(store().purge(new PurgeRequest("a", JobState.FAILED))).isEqualTo(3);

    purged.forEach(id -> assertThat(store().get(id)).as("job %s", id).isEmpty());
    assertThat(stats("a").counts()).isEqualTo(Map.of(JobState.COMPLETED, 1L, JobState.WAITING, 1L));
    assertThat(stats("b").counts()).isEqualTo(Map.of(JobState.FAILED, 2L));
  }

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      names = {"SCHEDULED", "WAITING", "RETRYING"})
  void purge_claimableState_leavesTheQueuesOtherClaimableJobs(JobState state) {
    Map<JobState, UUID> made = new EnumMap<>(JobState.class);
    for (JobState each : List.of(JobState.RETRYING, JobState.SCHEDULED, JobState.WAITING)) {
      made.put(each, jobIn(each, "a"));
    }
    jobIn(state, "b");
    UUID target = made.remove(state);

    assertThat(store().purge(new PurgeRequest("a", state))).isEqualTo(1);

    assertThat(store().get(target)).isEmpty();
    advance(Duration.ofDays(1));
    assertThat(claim(10, "a"))
        .extracting(Job::id)
        .containsExactlyInAnyOrderElementsOf(made.values());
    assertThat(claim(10, "b")).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      names = {"SCHEDULED", "WAITING", "FAILED"})
  void purge_moreJobsThanOneStep_deletesThemAll(JobState state) {
    UUID kept = jobIn(JobState.RETRYING, "bulk");
    List<UUID> ids = manyIn(state, "bulk");

    assertThat(store().purge(new PurgeRequest("bulk", state))).isEqualTo(MANY);

    assertThat(stats("bulk").counts()).isEqualTo(Map.of(JobState.RETRYING, 1L));
    assertThat(store().get(ids.get(0))).isEmpty();
    assertThat(store().get(ids.get(MANY - 1))).isEmpty();
    assertThat(store().get(kept)).isPresent();
  }

  @Test
  void purge_active_isRefusedAndDeletesNothing() {
    UUID active = jobIn(JobState.ACTIVE, "work");

    assertThatThrownBy(() -> store().purge(new PurgeRequest("work", JobState.ACTIVE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("active");

    assertThat(job(active).state()).isEqualTo(JobState.ACTIVE);
    assertThat(stats("work").counts()).isEqualTo(Map.of(JobState.ACTIVE, 1L));
  }

  @Test
  void purge_blocked_findsNoneOutsideRuns() {
    UUID waiting = jobIn(JobState.WAITING, "work");

    assertThat(store().purge(new PurgeRequest("work", JobState.BLOCKED))).isZero();
    assertThat(job(waiting).state()).isEqualTo(JobState.WAITING);
  }

  @Test
  void purge_queueWithoutJobsInThatState_returnsZero() {
    UUID waiting = jobIn(JobState.WAITING, "work");

    assertThat(store().purge(new PurgeRequest("work", JobState.FAILED))).isZero();
    assertThat(store().purge(new PurgeRequest("never-used", JobState.FAILED))).isZero();

    assertThat(job(waiting).state()).isEqualTo(JobState.WAITING);
    assertThat(store().stats()).extracting(QueueStats::queue).containsExactly("work");
  }

  @Test
  void purge_pausedQueue_staysPaused() {
    jobIn(JobState.COMPLETED, "work");
    store().pauseQueue("work");
    jobIn(JobState.WAITING, "work");

    assertThat(store().purge(new PurgeRequest("work", JobState.COMPLETED))).isEqualTo(1);
    assertThat(store().purge(new PurgeRequest("work", JobState.WAITING))).isEqualTo(1);

    assertThat(stats("work").paused()).isTrue();
    assertThat(stats("work").total()).isZero();
    enqueue(Specs.spec("work"));
    assertThat(claim(10, "work")).isEmpty();
  }

  @Test
  void purge_freesTheDedupKeysOfTheJobsItDeletes() {
    UUID cancelled = enqueue(keyed("order-7"));
    store().cancel(cancelled);

    store().purge(new PurgeRequest("work", JobState.CANCELLED));

    JobSpec again = keyed("order-7");
    assertThat(store().enqueue(List.of(again))).containsExactly(new Enqueued(again.id(), true));
  }

  private static JobSpec keyed(String key) {
    return Specs.job("work").dedupKey(key).dedupWindow(Duration.ofHours(1)).build();
  }

  /** {@link #MANY} jobs in {@code queue} in {@code state}, made in a few batched calls. */
  private List<UUID> manyIn(JobState state, String queue) {
    List<JobSpec> specs = new ArrayList<>(MANY);
    for (int i = 0; i < MANY; i++) {
      JobSpec.Builder spec = Specs.job(queue);
      if (state == JobState.SCHEDULED) {
        spec.runAt(now().plus(Duration.ofHours(1)));
      }
      specs.add(spec.build());
    }
    store().enqueue(specs);
    if (state == JobState.FAILED) {
      List<Failure> failures = new ArrayList<>(MANY);
      for (Job job : claim(MANY, queue)) {
        failures.add(new Failure(job.lease(), Specs.error(job, "fatal", now()), null));
      }
      assertThat(store().fail(failures)).hasSize(MANY);
    }
    assertThat(stats(queue).count(state)).as("jobs made in %s", state).isEqualTo(MANY);
    return specs.stream().map(JobSpec::id).toList();
  }
}
