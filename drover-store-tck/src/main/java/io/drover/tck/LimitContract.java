package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.limit.HeldKey;
import io.drover.limit.LimitSpec;
import io.drover.limit.LimitStatus;
import io.drover.limit.LimitStore;
import io.drover.limit.Rate;
import io.drover.store.Completion;
import io.drover.store.Failure;
import io.drover.store.JobStore;
import io.drover.store.QueuePattern;
import io.drover.store.Release;
import io.drover.store.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Limits: stored rules the store enforces inside claim — concurrency per key and in total, rates
 * per key, fair turns across keys — passing over held-back keys to other keys' jobs, freeing slots
 * on every end of an attempt, and taking effect at the next claim when changed.
 */
abstract class LimitContract extends ContractArea {
  static final String QUEUE = "limits.scrape";

  LimitContract(JobStoreContract suite) {
    super(suite);
  }

  abstract JobStore newPeer() throws Exception;

  @BeforeEach
  void onlyWhereLimitsAreEnforced() {
    assumeTrue(store().supportsLimits(), store().name() + " does not enforce limits yet");
  }

  LimitStore limits() {
    return store().limits();
  }

  @Test
  void saveLimit_createsThenReplaces_andLimitsAreListedByName() {
    LimitSpec second = LimitSpec.builder("per-tenant").queues("sync.*").concurrency(1).build();
    LimitSpec first =
        LimitSpec.builder("per-domain")
            .queues("scrape.*", "crawl")
            .kinds("scrape.page")
            .concurrency(2)
            .queueConcurrency(10)
            .rate(new Rate(100, Duration.ofMinutes(1), 5))
            .build();

    assertThat(limits().saveLimit(second)).isTrue();
    assertThat(limits().saveLimit(first)).isTrue();
    LimitSpec changed = LimitSpec.builder("per-tenant").queues("sync.*").fair(true).build();
    assertThat(limits().saveLimit(changed)).as("a second save of one name").isFalse();

    assertThat(limits().limits()).containsExactly(first, changed);
    assertThat(limits().limit("per-domain")).contains(first);
    assertThat(limits().deleteLimit("per-tenant")).isTrue();
    assertThat(limits().deleteLimit("per-tenant")).isFalse();
    assertThat(limits().limit("per-tenant")).isEmpty();
    assertThat(limits().limitStatus("per-tenant")).isEmpty();
  }

  @Test
  void aConcurrencyCap_isNeverExceededPerKey_andAClaimTakesOtherKeysInstead() {
    limits().saveLimit(LimitSpec.builder("two-each").queues(QUEUE).concurrency(2).build());
    List<UUID> a = enqueue("a", 5);
    List<UUID> b = enqueue("b", 3);

    List<Job> claimed = claim(10, QUEUE);

    assertThat(claimed)
        .extracting(Job::id)
        .containsExactlyInAnyOrder(a.get(0), a.get(1), b.get(0), b.get(1));
    assertThat(claim(10, QUEUE)).as("every key at its cap").isEmpty();
    for (UUID held : List.of(a.get(2), a.get(3), a.get(4), b.get(2))) {
      assertThat(job(held).state()).isEqualTo(JobState.WAITING);
      assertThat(job(held).attempt()).as("attempts of a held-back job").isZero();
    }
    complete(claimed.get(0));
    assertThat(claim(10, QUEUE))
        .extracting(Job::rateKey)
        .as("the key whose job ended gets its slot back")
        .containsExactly(claimed.get(0).rateKey());
  }

  @Test
  void everyEndOfAnAttempt_freesItsSlot() {
    limits().saveLimit(LimitSpec.builder("one").queues(QUEUE).concurrency(1).build());
    enqueue("a", 7);
    List<String> ends = new ArrayList<>();

    Job first = claimOne();
    complete(first);
    ends.add("completed");
    Job second = claimOne();
    store()
        .fail(
            List.of(
                new Failure(
                    second.lease(), Specs.error(second, "later", now()), now().plusSeconds(60))));
    ends.add("failed, to retry");
    Job third = claimOne();
    store().fail(List.of(new Failure(third.lease(), Specs.error(third, "fatal", now()), null)));
    ends.add("failed for good");
    Job fourth = claimOne();
    store().release(List.of(new Release(fourth.lease())));
    ends.add("released");
    Job fifth = claimOne();
    assertThat(fifth.id()).as("a released job waits again, first in line").isEqualTo(fourth.id());
    store().cancel(fifth.id());
    ends.add("cancelled");
    Job sixth = claimOne();
    expireLease();
    assertThat(reap(10)).extracting(change -> change.id()).containsExactly(sixth.id());
    ends.add("reaped");

    assertThat(claim(10, QUEUE)).as("after %s, the cap still lets one start", ends).hasSize(1);
  }

  @Test
  void aQueueConcurrencyCap_boundsTheGovernedJobsInAll_whateverTheirKeys() {
    limits().saveLimit(LimitSpec.builder("budget").queues(QUEUE).queueConcurrency(3).build());
    enqueue("a", 2);
    enqueue("b", 2);
    enqueue("c", 2);

    assertThat(claim(10, QUEUE)).hasSize(3);
    assertThat(claim(10, QUEUE)).isEmpty();
  }

  @Test
  void aLimitWithKinds_governsOnlyJobsOfThoseKinds() {
    limits()
        .saveLimit(
            LimitSpec.builder("pages").queues(QUEUE).kinds("scrape.page").concurrency(1).build());
    enqueue(JobSpec.builder(QUEUE, "scrape.page").rateKey("a").build());
    enqueue(JobSpec.builder(QUEUE, "scrape.page").rateKey("a").build());
    enqueue(JobSpec.builder(QUEUE, "scrape.image").rateKey("a").build());
    enqueue(JobSpec.builder("limits.other", "scrape.page").rateKey("a").build());

    assertThat(claim(10, QUEUE, "limits.other"))
        .extracting(job -> job.queue() + "/" + job.kind())
        .containsExactlyInAnyOrder(
            QUEUE + "/scrape.page", QUEUE + "/scrape.image", "limits.other/scrape.page");
  }

  @Test
  void jobsWithoutARateKey_shareTheEmptyKey() {
    limits().saveLimit(LimitSpec.builder("one").queues(QUEUE).concurrency(1).build());
    enqueue(Specs.spec(QUEUE));
    enqueue(Specs.spec(QUEUE));

    assertThat(claim(10, QUEUE)).hasSize(1);
    assertThat(limits().limitStatus("one").orElseThrow().held())
        .containsExactly(new HeldKey("", 1, 1, now(), null));
  }

  @Test
  void aHotKeyAtItsCap_neverHoldsBackOtherKeys() {
    limits().saveLimit(LimitSpec.builder("one-each").queues(QUEUE).concurrency(1).build());
    enqueue("hot", 2_000);
    List<UUID> others = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      others.addAll(enqueue("other-" + i, 1));
    }

    List<Job> claimed = claim(20, QUEUE);

    assertThat(claimed).hasSize(11);
    assertThat(claimed).extracting(Job::id).containsAll(others);
    assertThat(limits().limitStatus("one-each").orElseThrow())
        .isEqualTo(
            new LimitStatus(
                limits().limit("one-each").orElseThrow(),
                11,
                11,
                List.of(new HeldKey("hot", 1, 1_999, now(), null))));
  }

  @Test
  void status_countsTheGovernedStartsWithinTheLimitsWindow_acrossKeys() {
    LimitSpec rate =
        LimitSpec.builder("ten-a-minute")
            .queues(QUEUE)
            .rate(new Rate(10, Duration.ofMinutes(1), 10))
            .build();
    limits().saveLimit(rate);
    limits().saveLimit(LimitSpec.builder("two-each").queues(QUEUE).concurrency(2).build());
    enqueue("a", 2);
    enqueue("b", 1);
    enqueue(Specs.spec("limits.other"));
    assertThat(claim(10, QUEUE, "limits.other")).hasSize(4);
    advance(Duration.ofSeconds(30));
    enqueue("c", 1);
    assertThat(claim(10, QUEUE)).hasSize(1);

    assertThat(recentStarts("ten-a-minute")).isEqualTo(4);
    assertThat(recentStarts("two-each")).as("a minute, for a limit without a rate").isEqualTo(4);
    advance(Duration.ofSeconds(40));
    assertThat(recentStarts("ten-a-minute")).as("70 s after the first three").isEqualTo(1);
    limits().saveLimit(rate);
    assertThat(recentStarts("ten-a-minute")).as("saved anew").isZero();
  }

  private long recentStarts(String limit) {
    return limits().limitStatus(limit).orElseThrow().recentStarts();
  }

  @Test
  void aHeldKeysBacklog_howeverLong_neverHidesAnotherKeysJob() {
    limits().saveLimit(LimitSpec.builder("one-each").queues(QUEUE).concurrency(1).build());
    enqueue("hot", 1);
    claimOne();
    // More than a store may step over in claim order before it looks key by key instead.
    enqueue("hot", 12_000);
    List<UUID> other = enqueue("other", 1);

    assertThat(claim(10, QUEUE)).extracting(Job::id).containsExactlyElementsOf(other);
  }

  @Test
  void aRate_spacesEachKeysStarts_soNoWindowHoldsMoreThanItsLimit() {
    limits()
        .saveLimit(
            LimitSpec.builder("two-a-second")
                .queues(QUEUE)
                .rate(Rate.of(2, Duration.ofSeconds(1)))
                .build());
    Instant enqueuedAt = now();
    enqueue("a", 40);
    enqueue("b", 40);
    Map<String, List<Instant>> starts = new java.util.TreeMap<>();

    for (int step = 0; step < 50; step++) {
      if (step > 0) {
        advance(Duration.ofMillis(100));
      }
      for (Job job : claim(100, QUEUE)) {
        starts.computeIfAbsent(job.rateKey(), key -> new ArrayList<>()).add(job.startedAt());
      }
    }

    assertThat(starts).containsOnlyKeys("a", "b");
    starts.forEach(
        (key, times) -> {
          assertThat(times).as("starts of %s over 5 s at 2/s", key).hasSize(10);
          for (int i = 2; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 2), times.get(i)))
                .as("the window from start %d of %s to start %d", i - 2, key, i)
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
          }
        });
    HeldKey heldA =
        limits().limitStatus("two-a-second").orElseThrow().held().stream()
            .filter(held -> held.key().equals("a"))
            .findFirst()
            .orElseThrow();
    assertThat(heldA.waiting()).isEqualTo(30);
    assertThat(heldA.oldestDue()).as("held back since they were enqueued").isEqualTo(enqueuedAt);
    assertThat(heldA.nextStart()).as("the start after 4.5 s").isEqualTo(now().plusMillis(100));
  }

  @Test
  void aBurst_letsARestedKeyStartThatManyAtOnce_thenSpacesTheRest() {
    limits()
        .saveLimit(
            LimitSpec.builder("burst")
                .queues(QUEUE)
                .rate(new Rate(2, Duration.ofSeconds(1), 2))
                .build());
    enqueue("a", 10);

    assertThat(claim(10, QUEUE)).hasSize(2);
    advance(Duration.ofMillis(499));
    assertThat(claim(10, QUEUE)).isEmpty();
    advance(Duration.ofMillis(1));
    assertThat(claim(10, QUEUE)).hasSize(1);
  }

  @Test
  void aFairQueue_takesTurnsAcrossKeys_yetALoneKeyGetsAllTheCapacity() {
    limits().saveLimit(LimitSpec.builder("turns").queues(QUEUE).fair(true).build());
    enqueue("big", 10_000);
    List<UUID> small = enqueue("small", 100);

    List<UUID> started = new ArrayList<>();
    while (!started.containsAll(small)) {
      claim(10, QUEUE).forEach(job -> started.add(job.id()));
    }

    assertThat(started.size())
        .as("starts until every job of the small key started")
        .isLessThanOrEqualTo(210);
    String lone = "limits.lone";
    limits().saveLimit(LimitSpec.builder("lone").queues(lone).fair(true).build());
    for (int i = 0; i < 20; i++) {
      enqueue(Specs.job(lone).rateKey("only").build());
    }
    assertThat(claim(20, lone)).hasSize(20);
  }

  @Test
  void aLimitChangedOrDeleted_takesEffectAtTheNextClaim() {
    limits().saveLimit(LimitSpec.builder("cap").queues(QUEUE).concurrency(1).build());
    enqueue("a", 5);
    assertThat(claim(10, QUEUE)).hasSize(1);

    limits().saveLimit(LimitSpec.builder("cap").queues(QUEUE).concurrency(3).build());
    assertThat(claim(10, QUEUE)).as("raised to 3 with 1 running").hasSize(2);

    limits().deleteLimit("cap");
    assertThat(claim(10, QUEUE)).as("no limit").hasSize(2);
  }

  @Test
  void aLimitSavedWhileJobsRun_countsThemAtOnce() {
    enqueue("a", 4);
    assertThat(claim(2, QUEUE)).hasSize(2);

    limits().saveLimit(LimitSpec.builder("cap").queues(QUEUE).concurrency(2).build());

    assertThat(claim(10, QUEUE)).as("two already running under the new cap").isEmpty();
  }

  @Test
  void aLimit_holdsForEveryProcessOnTheStore() throws Exception {
    limits().saveLimit(LimitSpec.builder("shared").queues(QUEUE).concurrency(1).build());
    enqueue("a", 3);
    try (JobStore peer = newPeer()) {
      assertThat(peer.limits().limit("shared")).isPresent();
      assertThat(peer.claim(Specs.claim("worker-2", 10, QUEUE))).hasSize(1);
      assertThat(claim(10, QUEUE)).as("this process, with the peer's job running").isEmpty();
    }
  }

  @Test
  void nextStart_saysWhenARateLetsAHeldBackKeyStart_inTheQueuesAsked() {
    List<QueuePattern> scrape = List.of(QueuePattern.of(QUEUE));
    assertThat(limits().nextStart(scrape)).as("no limit").isEmpty();
    limits()
        .saveLimit(
            LimitSpec.builder("two-a-second")
                .queues(QUEUE)
                .rate(Rate.of(2, Duration.ofSeconds(1)))
                .build());
    enqueue("a", 3);
    assertThat(claim(10, QUEUE)).hasSize(1);

    assertThat(limits().nextStart(scrape)).contains(now().plusMillis(500));
    assertThat(limits().nextStart(List.of(QueuePattern.of("limits.*"))))
        .contains(now().plusMillis(500));
    assertThat(limits().nextStart(List.of(QueuePattern.of("limits.other")))).isEmpty();
    advance(Duration.ofMillis(500));
    assertThat(limits().nextStart(scrape)).as("the rate lets the key start now").isEmpty();
  }

  @Test
  void aSlotFreed_wakesItsQueue() {
    assumeTrue(store().supportsWakeups(), store().name() + " store does not push wake-ups");
    limits().saveLimit(LimitSpec.builder("one").queues(QUEUE).concurrency(1).build());
    enqueue("a", 2);
    Job first = claimOne();
    Queue<String> heard = new ConcurrentLinkedQueue<>();
    try (Subscription subscription = store().subscribe(heard::add)) {
      complete(first);

      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(heard).contains(QUEUE));
    }
  }

  // ---- fixture ----

  /** {@code count} jobs of key {@code key} in {@link #QUEUE}, in claim order. */
  List<UUID> enqueue(String key, int count) {
    var specs =
        IntStream.range(0, count).mapToObj(i -> Specs.job(QUEUE).rateKey(key).build()).toList();
    return store().enqueue(specs).stream().map(answer -> answer.id()).collect(Collectors.toList());
  }

  Job claimOne() {
    List<Job> claimed = claim(10, QUEUE);
    assertThat(claimed).as("one job under a cap of 1").hasSize(1);
    return claimed.get(0);
  }

  void complete(Job job) {
    store().complete(List.of(new Completion(job.lease(), null)));
  }
}
