package io.drover.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.drover.InvalidJobException;
import io.drover.JobSpec;
import io.drover.StoreUnavailableException;
import io.drover.store.memory.MemoryJobStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnqueueGroupingStoreTest {
  private static final Duration BOUND = Duration.ofSeconds(10);

  private final MemoryJobStore memory = new MemoryJobStore();
  private final HeldStore held = new HeldStore(memory);
  private final EnqueueGroupingStore grouping = new EnqueueGroupingStore(held);
  private final List<Thread> producers = new ArrayList<>();

  @AfterEach
  void close() {
    memory.close();
  }

  @Test
  void callsArrivingWhileOneIsUnderWay_goAsOneGroup_eachAnsweredWithItsOwnJobs() throws Exception {
    CompletableFuture<List<Enqueued>> first = produce(List.of(job()));
    awaitStoreCalls(1);
    List<JobSpec> specs = new ArrayList<>();
    List<CompletableFuture<List<Enqueued>>> answers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      List<JobSpec> call = List.of(job(), job());
      specs.addAll(call);
      answers.add(produce(call));
    }
    awaitProducersParked();

    held.let();

    assertThat(first.get().get(0).created()).isTrue();
    for (int i = 0; i < answers.size(); i++) {
      assertThat(answers.get(i).get())
          .extracting(Enqueued::id)
          .containsExactly(specs.get(2 * i).id(), specs.get(2 * i + 1).id());
    }
    assertThat(held.calls()).containsExactly(1, 20);
    assertThat(specs).allSatisfy(spec -> assertThat(memory.get(spec.id())).isPresent());
  }

  @Test
  void aJobTheStoreRefuses_failsItsCallerAlone() throws Exception {
    produce(List.of(job()));
    awaitStoreCalls(1);
    JobSpec step =
        JobSpec.builder("q", "k")
            .runId(UUID.randomUUID())
            .dependsOn(List.of(UUID.randomUUID()))
            .build();
    CompletableFuture<List<Enqueued>> refused = produce(List.of(step));
    JobSpec good = job();
    CompletableFuture<List<Enqueued>> accepted = produce(List.of(good));
    awaitProducersParked();

    held.let();

    assertThat(accepted.get()).extracting(Enqueued::created).containsExactly(true);
    assertThat(memory.get(good.id())).isPresent();
    assertThatThrownBy(refused::get).hasCauseInstanceOf(InvalidJobException.class);
    assertThat(memory.get(step.id())).isEmpty();
  }

  @Test
  void aStoreFoundUnreachable_failsEveryCallerOfTheGroup() {
    produce(List.of(job()));
    awaitStoreCalls(1);
    held.failFromNowOn();
    CompletableFuture<List<Enqueued>> one = produce(List.of(job()));
    CompletableFuture<List<Enqueued>> other = produce(List.of(job()));
    awaitProducersParked();

    held.let();

    assertThatThrownBy(one::get).hasCauseInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(other::get).hasCauseInstanceOf(StoreUnavailableException.class);
    assertThat(held.calls()).containsExactly(1, 2);
  }

  @Test
  void aCallOfAGroupsSize_goesAlone() {
    List<JobSpec> specs = new ArrayList<>();
    for (int i = 0; i < EnqueueGroupingStore.GROUP_JOBS; i++) {
      specs.add(job());
    }
    held.let();

    assertThat(grouping.enqueue(specs)).hasSize(EnqueueGroupingStore.GROUP_JOBS);
    assertThat(held.calls()).containsExactly(EnqueueGroupingStore.GROUP_JOBS);
  }

  private static JobSpec job() {
    return JobSpec.builder("q", "k").build();
  }

  private CompletableFuture<List<Enqueued>> produce(List<JobSpec> specs) {
    CompletableFuture<List<Enqueued>> answer = new CompletableFuture<>();
    Thread producer =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    answer.complete(grouping.enqueue(specs));
                  } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                  }
                });
    producers.add(producer);
    return answer;
  }

  private void awaitStoreCalls(int calls) {
    await().atMost(BOUND).until(() -> held.calls().size() == calls);
  }

  /** Every producer but the one whose call the store holds waits, queued. */
  private void awaitProducersParked() {
    await()
        .atMost(BOUND)
        .until(
            () -> producers.stream().skip(1).allMatch(t -> t.getState() == Thread.State.WAITING));
  }

  /** A store whose enqueue calls wait until let through, and that records each call's size. */
  private static final class HeldStore extends ForwardingJobStore {
    private final CountDownLatch gate = new CountDownLatch(1);
    private final List<Integer> calls = new ArrayList<>();
    private volatile boolean failing;

    HeldStore(JobStore store) {
      super(store);
    }

    @Override
    public List<Enqueued> enqueue(List<JobSpec> specs) {
      boolean fail = failing;
      synchronized (calls) {
        calls.add(specs.size());
      }
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (fail) {
        throw new StoreUnavailableException("store down", null);
      }
      return store.enqueue(specs);
    }

    void let() {
      gate.countDown();
    }

    void failFromNowOn() {
      failing = true;
    }

    List<Integer> calls() {
      synchronized (calls) {
        return List.copyOf(calls);
      }
    }
  }
}
