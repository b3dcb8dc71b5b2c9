package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.store.ClaimRequest;
import io.drover.store.CleanupRequest;
import io.drover.store.Completion;
import io.drover.store.Enqueued;
import io.drover.store.JobStore;
import io.drover.store.QueuePattern;
import io.drover.tck.Specs;
import io.drover.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several stores on one schema stand in for several processes: each has its own pool, so only the
 * database's row locks keep their de-duplication, reaping and cleanup from colliding.
 */
class PostgresConcurrencyTest {
  @RegisterExtension static final MigratedSchema MIGRATED = new MigratedSchema();
  private static final String SCHEMA = MIGRATED.name();
  private static final int STORES = 3;
  private static final int THREADS_PER_STORE = 3;
  private static final int JOBS = 600;
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final SettableClock clock = new SettableClock(Instant.parse("2031-05-04T10:00:00Z"));
  private final List<JobStore> stores = new ArrayList<>();
  private ExecutorService threads;

  @BeforeEach
  void openStores() throws Exception {
    PostgresTestDatabase.truncate(SCHEMA);
    for (int i = 0; i < STORES; i++) {
      stores.add(PostgresJobStore.open(PostgresTestDatabase.config(SCHEMA).clock(clock).build()));
    }
    threads = Executors.newFixedThreadPool(STORES * THREADS_PER_STORE);
  }

  @AfterEach
  void closeStores() {
    threads.shutdownNow();
    stores.forEach(JobStore::close);
  }

  @Test
  void enqueuesRacingWithOneDedupKey_makeOneJob_andAllAnswerItsId() throws Exception {
    List<Enqueued> answers =
        race(
            store -> {
              List<Enqueued> mine = new ArrayList<>();
              for (int i = 0; i < 20; i++) {
                mine.addAll(
                    store.enqueue(
                        List.of(JobSpec.builder("mail", "send").dedupKey("welcome-ana").build())));
              }
              return mine;
            });

    assertThat(answers.stream().filter(Enqueued::created)).hasSize(1);
    assertThat(answers.stream().map(Enqueued::id).distinct()).hasSize(1);
    assertThat(stores.get(0).stats()).singleElement().matches(stats -> stats.total() == 1);
  }

  @Test
  void reapersOnSeveralStores_recoverEachExpiredLeaseOnce() throws Exception {
    Set<UUID> claimed = enqueueAndClaimAll();
    clock.advance(LEASE.plusSeconds(1));

    List<UUID> reaped =
        race(
            store -> {
              List<UUID> mine = new ArrayList<>();
              List<UUID> batch;
              while (!(batch = store.reapExpiredLeases(Specs.reap(25))).isEmpty()) {
                mine.addAll(batch);
              }
              return mine;
            });

    assertThat(reaped).doesNotHaveDuplicates();
    assertThat(new HashSet<>(reaped)).isEqualTo(claimed);
    Job sample = stores.get(0).get(reaped.get(0)).orElseThrow();
    assertThat(sample.state()).isEqualTo(JobState.RETRYING);
    assertThat(sample.errors()).hasSize(1);
  }

  @Test
  void cleanersOnSeveralStores_deleteEachJobOnce() throws Exception {
    JobStore store = stores.get(0);
    List<Completion> done = new ArrayList<>();
    for (UUID id : enqueueAndClaimAll()) {
      Job job = store.get(id).orElseThrow();
      done.add(new Completion(job.lease(), null));
    }
    assertThat(store.complete(done)).hasSize(JOBS);
    clock.advance(Duration.ofDays(8));
    CleanupRequest small =
        new CleanupRequest(Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(7), 25);

    List<Integer> deleted =
        race(
            each -> {
              List<Integer> mine = new ArrayList<>();
              int count;
              while ((count = each.cleanup(small)) > 0) {
                mine.add(count);
              }
              return mine;
            });

    assertThat(deleted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(JOBS);
    assertThat(store.stats()).isEmpty();
  }

  private Set<UUID> enqueueAndClaimAll() {
    JobStore store = stores.get(0);
    List<JobSpec> specs = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      specs.add(JobSpec.builder("work", "send").build());
    }
    store.enqueue(specs);
    List<Job> claimed =
        store.claim(new ClaimRequest("w", List.of(QueuePattern.of("work")), JOBS, LEASE));
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
