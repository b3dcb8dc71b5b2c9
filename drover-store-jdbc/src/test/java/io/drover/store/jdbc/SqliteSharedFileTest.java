package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.store.ClaimRequest;
import io.drover.store.Completion;
import io.drover.store.JobStore;
import io.drover.store.QueuePattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores on one file stand in for two processes: each has its own connection, so only SQLite's
 * file locking (write transactions begun IMMEDIATE, the busy timeout) keeps them apart.
 */
class SqliteSharedFileTest {
  private static final int JOBS = 2_000;

  @TempDir Path dir;

  @Test
  void twoStoresOnOneFile_neverClaimTheSameJob() throws Exception {
    Path file = dir.resolve("drover.db");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (JobStore first = SqliteJobStore.open(file);
        JobStore second = SqliteJobStore.open(file)) {
      Set<UUID> enqueued = new HashSet<>();
      List<JobSpec> specs = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        specs.add(JobSpec.builder("shared", "work").build());
      }
      first.enqueue(specs).forEach(answer -> enqueued.add(answer.id()));

      Future<List<UUID>> a = pool.submit(drain(first, "a"));
      Future<List<UUID>> b = pool.submit(drain(second, "b"));
      List<UUID> claimed = new ArrayList<>(a.get(60, TimeUnit.SECONDS));
      claimed.addAll(b.get(60, TimeUnit.SECONDS));

      assertThat(claimed).hasSize(JOBS).doesNotHaveDuplicates();
      assertThat(new HashSet<>(claimed)).isEqualTo(enqueued);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Claims and completes in small batches until the queue is empty. */
  private static Callable<List<UUID>> drain(JobStore store, String workerId) {
    ClaimRequest request =
        new ClaimRequest(workerId, List.of(QueuePattern.of("shared")), 20, Duration.ofMinutes(1));
    return () -> {
      List<UUID> mine = new ArrayList<>();
      List<Job> batch;
      while (!(batch = store.claim(request)).isEmpty()) {
        List<Completion> done =
            batch.stream().map(job -> new Completion(job.lease(), null)).toList();
        assertThat(store.complete(done)).hasSize(batch.size());
        batch.forEach(job -> mine.add(job.id()));
      }
      return mine;
    };
  }
}
