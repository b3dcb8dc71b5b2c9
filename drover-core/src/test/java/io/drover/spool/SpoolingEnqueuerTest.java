package io.drover.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.JobSpec;
import io.drover.StoreUnavailableException;
import io.drover.store.ClaimRequest;
import io.drover.store.Enqueued;
import io.drover.store.ForwardingJobStore;
import io.drover.store.memory.MemoryJobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolingEnqueuerTest {
  @TempDir Path dir;
  private final MemoryJobStore memory = new MemoryJobStore(InstantSource.system());
  private final FlakyStore store = new FlakyStore(memory);
  private SpoolingEnqueuer enqueuer;

  @AfterEach
  void close() {
    if (enqueuer != null) {
      enqueuer.close();
    }
  }

  @Test
  void storeAnswering_enqueuesStraight_andSpoolsNothing() {
    enqueuer = SpoolingEnqueuer.open(store, SpoolConfig.at(dir), InstantSource.system());
    List<JobSpec> specs = SpoolTest.specs(2);

    List<Enqueued> answers = enqueuer.enqueue(specs);

    assertThat(answers).allMatch(answer -> answer.created() && !answer.spooled());
    assertThat(enqueuer.stats().spooled()).isZero();
    assertThat(memory.get(specs.get(0).id())).isPresent();
  }

  @Test
  void storeDown_spools_breakerOpens_andForwardsOncePerIdWhenItAnswers() {
    enqueuer = SpoolingEnqueuer.open(store, SpoolConfig.at(dir), InstantSource.system());
    store.down = true;
    List<JobSpec> specs = SpoolTest.specs(20);

    for (JobSpec spec : specs) {
      assertThat(enqueuer.enqueue(List.of(spec))).containsExactly(Enqueued.spooled(spec.id()));
    }
    // the same job again, as a producer retrying after a lost answer would send it
    enqueuer.enqueue(List.of(specs.get(0)));

    assertThat(enqueuer.breakerState()).isEqualTo("open");
    assertThat(store.enqueueCalls.get())
        .as("calls reach the store only until the breaker opens")
        .isLessThanOrEqualTo(StoreBreaker.WINDOW);
    assertThat(enqueuer.stats().depth()).isEqualTo(21);
    assertThat(enqueuer.stats().storeReachable()).isFalse();

    store.down = false;
    await().atMost(Duration.ofSeconds(15)).until(() -> enqueuer.stats().depth() == 0);

    for (JobSpec spec : specs) {
      assertThat(memory.get(spec.id())).isPresent();
    }
    assertThat(
            memory.claim(
                new ClaimRequest(
                    "w",
                    List.of(io.drover.store.QueuePattern.of("*")),
                    100,
                    Duration.ofMinutes(1))))
        .hasSize(20);
    assertThat(enqueuer.breakerState()).isEqualTo("closed");
    assertThat(enqueuer.stats().forwarded()).isEqualTo(21);
  }

  @Test
  void dedupKey_holdsThroughTheSpool() {
    enqueuer = SpoolingEnqueuer.open(store, SpoolConfig.at(dir), InstantSource.system());
    JobSpec first = JobSpec.builder("q", "k").dedupKey("order-1").build();
    JobSpec second = JobSpec.builder("q", "k").dedupKey("order-1").build();
    enqueuer.enqueue(List.of(first));
    store.down = true;
    assertThat(enqueuer.enqueue(List.of(second))).containsExactly(Enqueued.spooled(second.id()));
    store.down = false;

    await().atMost(Duration.ofSeconds(15)).until(() -> enqueuer.stats().depth() == 0);
    assertThat(memory.get(second.id())).isEmpty();
    assertThat(memory.get(first.id())).isPresent();
  }

  @Test
  void batchTheStoreRefusesForGood_isSetAside_andTheRestForwarded() throws Exception {
    enqueuer = SpoolingEnqueuer.open(store, SpoolConfig.at(dir), InstantSource.system());
    List<JobSpec> poison = SpoolTest.specs(2);
    List<JobSpec> fine = SpoolTest.specs(1);
    store.down = true;
    enqueuer.enqueue(poison);
    enqueuer.enqueue(fine);
    store.refuse = poison.get(0).id();
    store.down = false;

    await().atMost(Duration.ofSeconds(30)).until(() -> enqueuer.stats().depth() == 0);
    assertThat(enqueuer.stats().rejected()).isEqualTo(2);
    assertThat(memory.get(fine.get(0).id())).isPresent();
    assertThat(memory.get(poison.get(1).id())).isEmpty();
    assertThat(Files.readString(dir.resolve(Spool.REJECTED_FILE)))
        .contains(poison.get(0).id().toString());
  }

  @Test
  void spoolLeftByAClosedProducer_isForwardedByTheNext() {
    store.down = true;
    List<JobSpec> specs = SpoolTest.specs(3);
    try (SpoolingEnqueuer first =
        SpoolingEnqueuer.open(store, SpoolConfig.at(dir), InstantSource.system())) {
      first.enqueue(specs);
    }
    store.down = false;

    enqueuer = SpoolingEnqueuer.open(store, SpoolConfig.at(dir), InstantSource.system());
    await().atMost(Duration.ofSeconds(15)).until(() -> enqueuer.stats().depth() == 0);
    assertThat(specs).allMatch(spec -> memory.get(spec.id()).isPresent());
  }

  /** The memory store, unreachable or refusing one job on command. */
  static final class FlakyStore extends ForwardingJobStore {
    volatile boolean down;
    volatile UUID refuse;
    final AtomicInteger enqueueCalls = new AtomicInteger();

    FlakyStore(MemoryJobStore store) {
      super(store);
    }

    @Override
    public List<Enqueued> enqueue(List<JobSpec> specs) {
      if (!Thread.currentThread().getName().equals("drover-spool-forwarder")) {
        enqueueCalls.incrementAndGet(); // a producer's call
      }
      if (down) {
        throw new StoreUnavailableException("connection refused", null);
      }
      if (specs.stream().anyMatch(spec -> spec.id().equals(refuse))) {
        throw new IllegalStateException("the store cannot take job " + refuse);
      }
      return super.enqueue(specs);
    }

    @Override
    public Optional<io.drover.Job> get(UUID id) {
      if (down) {
        throw new StoreUnavailableException("connection refused", null);
      }
      return super.get(id);
    }
  }
}
