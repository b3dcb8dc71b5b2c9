package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drover.store.Subscription;
import io.drover.store.WakeupListener;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Wake-ups: a store that says it pushes signals tells listeners which queue got jobs. Signals are
 * hints, so only arrival is asserted, within a bound, never absence.
 */
abstract class WakeupContract extends ContractArea {
  private static final Duration BOUND = Duration.ofSeconds(5);

  WakeupContract(JobStoreContract suite) {
    super(suite);
  }

  @Test
  void subscribe_hearsTheQueueOnEnqueue() {
    assumeTrue(store().supportsWakeups(), store().name() + " store does not push wake-ups");
    Queue<String> heard = new ConcurrentLinkedQueue<>();
    try (Subscription subscription = store().subscribe(heard::add)) {
      enqueue(Specs.spec("mail"));

      await().atMost(BOUND).untilAsserted(() -> assertThat(heard).contains("mail"));
    }
  }

  @Test
  void subscribe_eachListenerHears() {
    assumeTrue(store().supportsWakeups(), store().name() + " store does not push wake-ups");
    Queue<String> first = new ConcurrentLinkedQueue<>();
    Queue<String> second = new ConcurrentLinkedQueue<>();
    try (Subscription a = store().subscribe(first::add);
        Subscription b = store().subscribe(second::add)) {
      enqueue(Specs.spec("scrape.high"));

      await()
          .atMost(BOUND)
          .untilAsserted(
              () -> {
                assertThat(first).contains("scrape.high");
                assertThat(second).contains("scrape.high");
              });
    }
  }

  @Test
  void subscription_closingTwice_isHarmless_andItHearsNothingMore() {
    List<String> closedHeard = new CopyOnWriteArrayList<>();
    Queue<String> keptHeard = new ConcurrentLinkedQueue<>();
    WakeupListener kept = keptHeard::add;
    Subscription closed = store().subscribe(closedHeard::add);
    Subscription twin = store().subscribe(kept);
    try (Subscription stays = store().subscribe(kept)) {
      closed.close();
      closed.close();
      twin.close();
      twin.close();
      enqueue(Specs.spec("mail"));

      if (store().supportsWakeups()) {
        // The signal reaches listeners in the order they subscribed: once the last has heard it,
        // the closed one would have too. Closing the twin twice must not have removed this one.
        await().atMost(BOUND).untilAsserted(() -> assertThat(keptHeard).contains("mail"));
      }
      assertThat(closedHeard).isEmpty();
    }
  }
}
