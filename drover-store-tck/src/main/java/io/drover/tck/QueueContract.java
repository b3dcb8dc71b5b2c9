package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Job;
import io.drover.JobState;
import io.drover.store.QueueStats;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Queues: pausing and resuming claims, and the counts operators watch. */
abstract class QueueContract extends ContractArea {
  QueueContract(JobStoreContract suite) {
    super(suite);
  }

  @Test
  void claim_skipsPausedQueues() {
    UUID paused = enqueue(Specs.job("reports").priority(10).build());
    UUID open = enqueue(Specs.job("mail").priority(1).build());

    store().pauseQueue("reports");

    assertThat(claim(10, "*")).extracting(Job::id).containsExactly(open);
    store().resumeQueue("reports");
    assertThat(claim(10, "*")).extracting(Job::id).containsExactly(paused);
  }

  @Test
  void claim_byGlob_skipsOnlyThePausedQueuesItMatches() {
    UUID eu = enqueue(Specs.spec("scrape.eu"));
    UUID us = enqueue(Specs.spec("scrape.us"));

    store().pauseQueue("scrape.eu");

    assertThat(claim(10, "scrape.*")).extracting(Job::id).containsExactly(us);
    assertThat(claim(10, "scrape.eu")).isEmpty();
    store().resumeQueue("scrape.eu");
    assertThat(claim(10, "scrape.*")).extracting(Job::id).containsExactly(eu);
  }

  @Test
  void pause_isIdempotent_andOneResumeUndoesIt() {
    UUID id = enqueue(Specs.spec("mail"));

    store().pauseQueue("mail");
    store().pauseQueue("mail");
    assertThat(claim(1, "mail")).isEmpty();
    store().resumeQueue("mail");
    store().resumeQueue("mail");

    assertThat(claim(1, "mail")).extracting(Job::id).containsExactly(id);
  }

  @Test
  void pause_queueWithoutJobs_holdsForJobsEnqueuedLater() {
    store().pauseQueue("later");
    enqueue(Specs.spec("later"));

    assertThat(claim(1, "later")).isEmpty();
    assertThat(stats("later").paused()).isTrue();
  }

  @Test
  void stats_listsAPausedQueueEvenWithoutJobs() {
    store().pauseQueue("quiet");

    QueueStats quiet = stats("quiet");
    assertThat(quiet.paused()).isTrue();
    assertThat(quiet.total()).isZero();
    assertThat(quiet.oldestWaitingSince()).isNull();
  }

  @Test
  void stats_emptyStore_hasNoQueues() {
    assertThat(store().stats()).isEmpty();
  }

  @Test
  void stats_countsJobsPerQueueAndState_sortedByQueue() {
    jobIn(JobState.ACTIVE, "b.work");
    jobIn(JobState.RETRYING, "b.work");
    jobIn(JobState.COMPLETED, "b.work");
    jobIn(JobState.FAILED, "b.work");
    jobIn(JobState.WAITING, "b.work");
    jobIn(JobState.WAITING, "b.work");
    jobIn(JobState.SCHEDULED, "b.work");
    jobIn(JobState.CANCELLED, "a.mail");

    assertThat(store().stats()).extracting(QueueStats::queue).containsExactly("a.mail", "b.work");
    QueueStats work = stats("b.work");
    assertThat(nonZero(work))
        .isEqualTo(
            Map.of(
                JobState.ACTIVE, 1L,
                JobState.RETRYING, 1L,
                JobState.COMPLETED, 1L,
                JobState.FAILED, 1L,
                JobState.WAITING, 2L,
                JobState.SCHEDULED, 1L));
    assertThat(work.total()).isEqualTo(7);
    assertThat(work.paused()).isFalse();
    assertThat(nonZero(stats("a.mail"))).isEqualTo(Map.of(JobState.CANCELLED, 1L));
  }

  @Test
  void stats_oldestWaiting_isTheRunAtOfTheOldestDueJob() {
    Instant start = now();
    UUID oldest = enqueue(Specs.spec("mail"));
    advance(Duration.ofSeconds(5));
    enqueue(Specs.spec("mail"));
    enqueue(Specs.job("mail").runAt(start.plus(Duration.ofHours(1))).build());

    assertThat(stats("mail").oldestWaitingSince()).isEqualTo(start);
    claimJob(oldest, "mail");
    assertThat(stats("mail").oldestWaitingSince()).isEqualTo(start.plusSeconds(5));
  }

  @Test
  void stats_oldestWaiting_countsDelayedJobsOnceDue() {
    Instant runAt = now().plus(Duration.ofSeconds(10));
    enqueue(Specs.job("mail").runAt(runAt).build());

    assertThat(stats("mail").oldestWaitingSince()).isNull();
    advance(Duration.ofSeconds(20));
    assertThat(stats("mail").oldestWaitingSince()).isEqualTo(runAt);
  }

  private static Map<JobState, Long> nonZero(QueueStats stats) {
    Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    stats
        .counts()
        .forEach(
            (state, n) -> {
              if (n > 0) {
                counts.put(state, n);
              }
            });
    return counts;
  }
}
