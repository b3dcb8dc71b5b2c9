package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.store.CleanupRequest;
import io.drover.store.Completion;
import io.drover.store.Enqueued;
import io.drover.store.JobChange;
import io.drover.store.JobStore;
import io.drover.workflow.RunSpec;
import io.drover.workflow.RunState;
import io.drover.workflow.StepSpec;
import io.drover.workflow.StepWait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several processes at once on one store's data — the test's store and two peers, each from several
 * threads — so that only the store's own locking keeps their de-duplication, reaping and cleanup
 * from colliding.
 */
abstract class RaceContract extends ContractArea {
  private static final int PEERS = 2;
  private static final int THREADS_PER_STORE = 3;
  private static final int JOBS = 600;

  private final List<JobStore> stores = new ArrayList<>();
  private final List<JobStore> peers = new ArrayList<>();
  private ExecutorService threads;

  RaceContract(JobStoreContract suite) {
    super(suite);
  }

  /** Another process's store on the same data as {@link #store()}. */
  abstract JobStore newPeer() throws Exception;

  @BeforeEach
  void openPeers() throws Exception {
    stores.add(store());
    for (int i = 0; i < PEERS; i++) {
      JobStore peer = newPeer();
      peers.add(peer);
      stores.add(peer);
    }
    threads = Executors.newFixedThreadPool(stores.size() * THREADS_PER_STORE);
  }

  @AfterEach
  void closePeers() {
    threads.shutdownNow();
    peers.forEach(JobStore::close);
  }

  @Test
  void enqueuesRacingWithOneDedupKey_makeOneJob_andAllAnswerItsId() throws Exception {
    List<Enqueued> answers =
        race(
            store -> {
              List<Enqueued> mine = new ArrayList<>();
              for (int i = 0; i < 20; i++) {
                mine.addAll(
                    store.enqueue(List.of(Specs.job("mail").dedupKey("welcome-ana").build())));
              }
              return mine;
            });

    assertThat(answers.stream().filter(Enqueued::created)).hasSize(1);
    assertThat(answers.stream().map(Enqueued::id).distinct()).hasSize(1);
    assertThat(store().stats()).singleElement().matches(stats -> stats.total() == 1);
  }

  @Test
  void reapersOfSeveralProcesses_recoverEachExpiredLeaseOnce() throws Exception {
    Set<UUID> claimed = enqueueAndClaimAll();
    advance(Specs.LEASE.plusSeconds(1));

    List<UUID> reaped =
        race(
            store -> {
              List<UUID> mine = new ArrayList<>();
              List<JobChange> batch;
              while (!(batch = store.reapExpiredLeases(Specs.reap(25))).isEmpty()) {
                batch.forEach(change -> mine.add(change.id()));
              }
              return mine;
            });

    assertThat(reaped).doesNotHaveDuplicates();
    assertThat(new HashSet<>(reaped)).isEqualTo(claimed);
    for (UUID id : claimed) {
      Job job = job(id);
      assertThat(job.state()).isEqualTo(JobState.RETRYING);
      assertThat(job.errors()).hasSize(1);
    }
  }

  @Test
  void cleanersOfSeveralProcesses_deleteEachJobOnce() throws Exception {
    List<Completion> done = new ArrayList<>();
    for (UUID id : enqueueAndClaimAll()) {
      done.add(new Completion(job(id).lease(), null));
    }
    assertThat(store().complete(done)).hasSize(JOBS);
    advance(Duration.ofDays(8));
    CleanupRequest small =
        new CleanupRequest(Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(7), 25);

    List<Integer> deleted =
        race(
            store -> {
              List<Integer> mine = new ArrayList<>();
              int count;
              while ((count = store.cleanup(small)) > 0) {
                mine.add(count);
              }
              return mine;
            });

    assertThat(deleted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(JOBS);
    assertThat(store().stats()).isEmpty();
  }

  @Test
  void aJoinOfAThousandParentsCompletedByEveryProcess_becomesClaimableOnce() throws Exception {
    assumeTrue(store().supportsWorkflows(), store().name() + " store does not run workflows");
    RunSpec spec = fanIn(1_000, "join", "join");
    store().workflows().createRun(spec);

    List<UUID> completed = completeParentsFromEveryProcess(5, false);

    assertThat(completed).hasSize(1_000).doesNotHaveDuplicates();
    Job join = claim(10, "join").getFirst();
    assertThat(claim(10, "join")).isEmpty();
    assertThat(store().workflows().parents(join.id())).hasSize(1_000);
    store().complete(List.of(new Completion(join.lease(), null)));
    assertThat(store().workflows().run(spec.id()).orElseThrow().state())
        .isEqualTo(RunState.COMPLETED);
  }

  @Test
  void joinsWhoseParentsAreCompletedInBatchesByEveryProcess_becomeClaimableOnce() throws Exception {
    assumeTrue(store().supportsWorkflows(), store().name() + " store does not run workflows");
    store().workflows().createRun(fanIn(JOBS, "joins", "j1", "j2", "j3"));

    List<UUID> completed = completeParentsFromEveryProcess(25, true);

    assertThat(completed).hasSize(JOBS).doesNotHaveDuplicates();
    assertThat(claim(10, "joins")).hasSize(3);
    assertThat(claim(10, "joins")).isEmpty();
  }

  @Test
  void dueWaitsFiredByEveryProcessAtOnce_eachFireOnce() throws Exception {
    assumeTrue(store().supportsWorkflows(), store().name() + " store does not run workflows");
    int runs = 20;
    int timersPerRun = 15;
    List<RunSpec> specs = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      RunSpec.Builder plan = RunSpec.builder("drip");
      for (int t = 0; t < timersPerRun; t++) {
        plan.step(StepSpec.waiting("t" + t, new StepWait.Timer(Duration.ofMinutes(1))));
      }
      RunSpec spec = plan.build();
      store().workflows().createRun(spec);
      specs.add(spec);
    }
    advance(Duration.ofMinutes(2));
    AtomicInteger left = new AtomicInteger(runs * timersPerRun);

    List<Integer> fired =
        race(
            store -> {
              List<Integer> mine = new ArrayList<>();
              // Bounded: a process finds nothing while others hold the runs with due waits.
              for (int round = 0; round < 10_000 && left.get() > 0; round++) {
                int now = store.workflows().fireDueWaits(7);
                left.addAndGet(-now);
                mine.add(now);
              }
              return mine;
            });

    assertThat(fired.stream().mapToInt(Integer::intValue).sum()).isEqualTo(runs * timersPerRun);
    for (RunSpec spec : specs) {
      assertThat(store().workflows().run(spec.id()).orElseThrow().state())
          .isEqualTo(RunState.COMPLETED);
    }
  }

  /** A run of {@code parents} steps in queue {@code parents}, and joins that wait on them all. */
  private static RunSpec fanIn(int parents, String joinQueue, String... joins) {
    RunSpec.Builder plan = RunSpec.builder("fan-in");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < parents; i++) {
      names.add("p" + i);
      plan.step(StepSpec.of("p" + i, Specs.spec("parents")));
    }
    for (String join : joins) {
      plan.step(StepSpec.of(join, Specs.spec(joinQueue)).dependsOn(names));
    }
    return plan.build();
  }

  /**
   * Every thread of every process claims parents until none is left and completes them, one per
   * call or a claim's worth in one call; returns the ids the completions applied to.
   */
  private List<UUID> completeParentsFromEveryProcess(int perClaim, boolean inOneCall)
      throws Exception {
    return race(
        store -> {
          List<UUID> mine = new ArrayList<>();
          List<Job> batch;
          while (!(batch = store.claim(Specs.claim(Specs.WORKER, perClaim, "parents"))).isEmpty()) {
            List<Completion> completions =
                batch.stream().map(parent -> new Completion(parent.lease(), "1")).toList();
            if (inOneCall) {
              store.complete(completions).forEach(change -> mine.add(change.id()));
            } else {
              for (Completion completion : completions) {
                store.complete(List.of(completion)).forEach(change -> mine.add(change.id()));
              }
            }
          }
          return mine;
        });
  }

  private Set<UUID> enqueueAndClaimAll() {
    List<JobSpec> specs = Specs.specs("work", JOBS);
    store().enqueue(specs);
    List<Job> claimed = claim(JOBS, "work");
    assertThat(claimed).hasSize(JOBS);
    Set<UUID> ids = new HashSet<>();
    claimed.forEach(job -> ids.add(job.id()));
    return ids;
  }

  /** Runs {@code work} on every store from several threads at once; returns what all returned. */
  private <T> List<T> race(StoreWork<T> work) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<T>>> running = new ArrayList<>();
    for (JobStore store : stores) {
      for (int t = 0; t < THREADS_PER_STORE; t++) {
        Callable<List<T>> task =
            () -> {
              start.await();
              return work.run(store);
            };
        running.add(threads.submit(task));
      }
    }
    start.countDown();
    List<T> all = new ArrayList<>();
    for (Future<List<T>> future : running) {
      all.addAll(future.get(60, TimeUnit.SECONDS));
    }
    return all;
  }

  @FunctionalInterface
  private interface StoreWork<T> {
    List<T> run(JobStore store) throws Exception;
  }
}
