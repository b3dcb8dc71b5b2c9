package io.drover.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.Job;
import io.drover.JobState;
import io.drover.Outcome;
import io.drover.store.ClaimRequest;
import io.drover.store.ForwardingJobStore;
import io.drover.store.JobStore;
import io.drover.store.memory.MemoryJobStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An idle pool on a store whose wake-ups reach every process (memory here) claims when told and
 * when a delayed job's time comes, not every poll interval.
 */
class IdlePacerTest {
  private final MemoryJobStore memory = new MemoryJobStore(InstantSource.system());
  private final CountingStore store = new CountingStore(memory);
  private WorkerPool pool;

  @AfterEach
  void stop() {
    pool.stop();
    memory.close();
  }

  @Test
  void anIdlePool_claimsOnceAndThenWaits_notEveryPollInterval() {
    start();
    await().atMost(Duration.ofSeconds(5)).until(() -> store.claims.get() >= 1);

    // With a 50 ms poll interval, polling would claim about 40 times in two seconds.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(3))
        .until(() -> store.claims.get() <= 2);
  }

  @Test
  void aDelayedJob_startsAtItsTime_notAtTheNextRecheck() {
    start();
    await().atMost(Duration.ofSeconds(5)).until(() -> store.claims.get() >= 1);
    Instant runAt = Instant.now().plusMillis(800).truncatedTo(ChronoUnit.MILLIS);
    UUID id = memory.enqueue(List.of(PoolFixture.spec("work").runAt(runAt).build())).get(0).id();

    // The recheck is 15 s away: only the announced due time can start it this soon.
    await()
        .atMost(Duration.ofSeconds(4))
        .until(() -> memory.get(id).map(Job::state).orElseThrow() == JobState.COMPLETED);
    assertThat(memory.get(id).orElseThrow().startedAt()).isAfterOrEqualTo(runAt);
  }

  private void start() {
    pool =
        new WorkerPool(
            store,
            WorkerConfig.builder()
                .workerId("idle-worker")
                .queues("*")
                .pollInterval(Duration.ofMillis(50))
                .build(),
            new HandlerRegistry(java.util.Map.of("work", ctx -> Outcome.complete())),
            InstantSource.system(),
            RandomGenerator.getDefault());
    pool.start();
  }

  /** Counts the claims the pool sends. */
  private static final class CountingStore extends ForwardingJobStore {
    final AtomicInteger claims = new AtomicInteger();

    CountingStore(JobStore store) {
      super(store);
    }

    @Override
    public List<Job> claim(ClaimRequest request) {
      claims.incrementAndGet();
      return super.claim(request);
    }
  }
}
