package io.drover.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.Outcome;
import io.drover.StoreUnavailableException;
import io.drover.store.ClaimRequest;
import io.drover.store.ForwardingJobStore;
import io.drover.store.memory.MemoryJobStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The claim loop through a store outage: quiet while it lasts, working again when it ends. */
class ClaimOutageTest {
  private final AtomicBoolean down = new AtomicBoolean(true);
  private final AtomicInteger failedClaims = new AtomicInteger();
  private final FlakyStore store = new FlakyStore();

  @Test
  void outage_logsOneWarnAndOneInfo_andClaimsResumeWhenTheStoreIsBack() {
    WorkerPool pool =
        new WorkerPool(
            store,
            WorkerConfig.builder().workerId("w-outage").pollInterval(Duration.ofMillis(20)).build(),
            new HandlerRegistry(Map.of("k", ctx -> Outcome.complete())),
            InstantSource.system(),
            RandomGenerator.getDefault());
    try (CapturedLogs logs = new CapturedLogs(OutageLog.class)) {
      pool.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> failedClaims.get() >= 3);
      // With a 20 ms poll, a second of outage would have been ~50 claims without the backoff.
      assertThat(failedClaims.get()).isLessThan(6);
      down.set(false);
      UUID id = store.enqueue(List.of(JobSpec.builder("q", "k").build())).get(0).id();

      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> store.get(id).map(Job::state).orElseThrow() == JobState.COMPLETED);
      pool.stop();

      assertThat(logs.at(Level.WARN))
          .containsExactly(
              "worker w-outage: claim: store unavailable, retrying with backoff up to 10000 ms:"
                  + " memory store: connection refused");
      assertThat(logs.at(Level.INFO))
          .singleElement()
          .asString()
          .startsWith("worker w-outage: claim: store available again after ");
    } finally {
      pool.stop();
      store.close();
    }
  }

  /** A memory store whose claims fail as unavailable while {@link #down} is set. */
  private final class FlakyStore extends ForwardingJobStore {
    FlakyStore() {
      super(new MemoryJobStore(InstantSource.system()));
    }

    @Override
    public List<Job> claim(ClaimRequest request) {
      if (down.get()) {
        failedClaims.incrementAndGet();
        throw new StoreUnavailableException("memory store: connection refused", null);
      }
      return super.claim(request);
    }
  }
}
