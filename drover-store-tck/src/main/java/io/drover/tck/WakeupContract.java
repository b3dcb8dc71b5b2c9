package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drover.store.Subscription;
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
    List<String> heard = new CopyOnWriteArrayList<>();
    Subscription subscription = store().subscribe(heard::add);

    subscription.close();
    subscription.close();
    enqueue(Specs.spec("mail"));

    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(heard::isEmpty);
  }
}
