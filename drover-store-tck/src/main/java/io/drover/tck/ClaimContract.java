package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.store.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Claims: which job comes next, when it may come, and that it comes to one worker only. */
abstract class ClaimContract extends ContractArea {
  ClaimContract(JobStoreContract suite) {
    super(suite);
  }

  @Test
  void claim_movesTheJobToActiveUnderALease() {
    UUID id = enqueue(Specs.spec("mail"));
    advance(Duration.ofSeconds(3));

    Job claimed = claimJob(id, "mail");

    assertThat(claimed.state()).isEqualTo(JobState.ACTIVE);
    assertThat(claimed.attempt()).isEqualTo(1);
    assertThat(claimed.workerId()).isEqualTo(Specs.WORKER);
    assertThat(claimed.startedAt()).isEqualTo(now());
    assertThat(claimed.leaseExpiresAt()).isEqualTo(now().plus(Specs.LEASE));
    assertThat(claimed.leaseToken()).isPositive();
    assertThat(job(id)).as("the job as stored").isEqualTo(claimed);
  }

  @Test
  void claim_emptyStore_returnsNothing() {
    assertThat(claim(10, "*")).isEmpty();
  }

  @Test
  void claim_takesHighestPriorityFirst() {
    for (int priority : new int[] {1, 5, 10, 3, 7}) {
      enqueue(Specs.job("work").priority(priority).build());
    }

    assertThat(claim(5, "work")).extracting(Job::priority).containsExactly(10, 7, 5, 3, 1);
  }

  @Test
  void claim_isFirstInFirstOutWithinAPriority() {
    List<UUID> enqueued = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      enqueued.add(enqueue(Specs.spec("work")));
      advance(Duration.ofMillis(1));
    }

    assertThat(claim(5, "work")).extracting(Job::id).containsExactlyElementsOf(enqueued);
  }

  @Test
  void claim_prefersEarlierRunAtWithinAPriority() {
    UUID recent = enqueue(Specs.job("work").runAt(now().minusSeconds(1)).build());
    UUID older = enqueue(Specs.job("work").runAt(now().minusSeconds(60)).build());

    assertThat(claim(2, "work")).extracting(Job::id).containsExactly(older, recent);
  }

  @Test
  void claim_breaksTiesBySmallestIdComparedUnsigned() {
    UUID high = Specs.uuid("ffffffff00007000800000000000000f");
    UUID middle = Specs.uuid("7fffffff000070008000000000000000");
    UUID low = Specs.uuid("00000000000070008000000000000001");
    for (UUID id : List.of(high, middle, low)) {
      enqueue(Specs.job("work").id(id).build());
    }

    assertThat(claim(3, "work")).extracting(Job::id).containsExactly(low, middle, high);
  }

  @Test
  void claim_takesAtMostMax() {
    store().enqueue(Specs.specs("work", 5));

    assertThat(claim(2, "work")).hasSize(2);
    assertThat(claim(10, "work")).hasSize(3);
    assertThat(claim(10, "work")).isEmpty();
  }

  @Test
  void claim_leavesDelayedJobUntilItsRunAt() {
    Instant runAt = now().plus(Duration.ofSeconds(10));
    UUID id = enqueue(Specs.job("work").runAt(runAt).build());

    assertThat(claim(1, "work")).isEmpty();
    clock().set(runAt.minusMillis(1));
    assertThat(claim(1, "work")).isEmpty();
    clock().set(runAt);
    assertThat(claim(1, "work")).extracting(Job::id).containsExactly(id);
  }

  @Test
  void claim_ordersJobsThatBecameDueByTheirRunAt() {
    Instant start = now();
    UUID waiting = enqueue(Specs.job("work").priority(2).build());
    UUID dueSoon = enqueue(Specs.job("work").priority(2).runAt(start.plusSeconds(2)).build());
    UUID urgent = enqueue(Specs.job("work").priority(9).runAt(start.plusSeconds(5)).build());
    advance(Duration.ofSeconds(3));
    UUID waitingLater = enqueue(Specs.job("work").priority(2).build());
    advance(Duration.ofSeconds(2));

    assertThat(claim(4, "work"))
        .extracting(Job::id)
        .containsExactly(urgent, waiting, dueSoon, waitingLater);
  }

  @Test
  void claim_takesOnlyFromQueuesMatchingAPattern() {
    UUID high = enqueue(Specs.spec("scrape.high"));
    UUID euLow = enqueue(Specs.spec("scrape.eu.low"));
    UUID other = enqueue(Specs.spec("scraper"));
    UUID mail = enqueue(Specs.spec("mail"));

    assertThat(claim(10, "scrape.*")).extracting(Job::id).containsExactlyInAnyOrder(high, euLow);
    assertThat(claim(10, "nothing.*", "mail")).extracting(Job::id).containsExactly(mail);
    assertThat(claim(10, "*")).extracting(Job::id).containsExactly(other);
  }

  @Test
  void claim_acrossQueues_followsPriorityThenRunAt() {
    UUID lowFirst = enqueue(Specs.job("a").priority(3).build());
    advance(Duration.ofMillis(5));
    UUID high = enqueue(Specs.job("b").priority(9).build());
    UUID lowSecond = enqueue(Specs.job("b").priority(3).build());

    assertThat(claim(3, "a", "b")).extracting(Job::id).containsExactly(high, lowFirst, lowSecond);
  }

  @Test
  void claim_issuesALargerTokenEachTime() {
    Job first = enqueueAndClaim(Specs.spec("work"));
    store().release(List.of(new Release(first.lease())));

    Job second = claimJob(first.id(), "work");

    assertThat(second.leaseToken()).isGreaterThan(first.leaseToken());
  }

  @Test
  void claim_neverGivesOneJobTwice_whenEightThreadsRace() throws Exception {
    int jobs = 5_000;
    int threads = 8;
    Set<UUID> enqueued = new HashSet<>();
    store().enqueue(Specs.specs("race", jobs)).forEach(answer -> enqueued.add(answer.id()));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<UUID>>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String workerId = "racer-" + t;
        workers.add(pool.submit(() -> claimUntilEmpty(workerId, start)));
      }
      start.countDown();
      List<UUID> claimed = new ArrayList<>();
      for (Future<List<UUID>> worker : workers) {
        claimed.addAll(worker.get(60, TimeUnit.SECONDS));
      }

      assertThat(claimed).hasSize(jobs).doesNotHaveDuplicates();
      assertThat(new HashSet<>(claimed)).isEqualTo(enqueued);
      assertThat(stats("race").count(JobState.ACTIVE)).isEqualTo(jobs);
    } finally {
      pool.shutdownNow();
    }
  }

  private List<UUID> claimUntilEmpty(String workerId, CountDownLatch start)
      throws InterruptedException {
    start.await();
    List<UUID> mine = new ArrayList<>();
    List<Job> batch;
    while (!(batch = store().claim(Specs.claim(workerId, 25, "race"))).isEmpty()) {
      for (Job job : batch) {
        assertThat(job.workerId()).isEqualTo(workerId);
        mine.add(job.id());
      }
    }
    return mine;
  }

  @Test
  void claim_givesEachSpecsJobOnce_acrossBatches() {
    List<JobSpec> specs = Specs.specs("work", 7);
    store().enqueue(specs);

    List<UUID> claimed = new ArrayList<>();
    List<Job> batch;
    while (!(batch = claim(3, "work")).isEmpty()) {
      batch.forEach(job -> claimed.add(job.id()));
    }

    assertThat(claimed).containsExactlyElementsOf(specs.stream().map(JobSpec::id).toList());
  }
}
