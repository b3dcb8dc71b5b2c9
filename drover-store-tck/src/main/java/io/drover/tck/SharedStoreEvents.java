package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.Job;
import io.drover.events.EventPublishingStore;
import io.drover.events.JobEvent;
import io.drover.events.JobEvent.Type;
import io.drover.store.Completion;
import io.drover.store.JobStore;
import io.drover.store.Subscription;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * For stores whose events reach other processes: a job run through one store object is heard by a
 * subscriber of another on the same database, as another process would hear it.
 */
public final class SharedStoreEvents {
  private static final Duration BOUND = Duration.ofSeconds(10);

  private SharedStoreEvents() {}

  /**
   * Asserts that {@code working} knows nobody listens until {@code watching} subscribes, and then
   * learns it within a bound: publishers skip their round trip only while nobody can hear.
   */
  public static void assertListenersAreNoticed(JobStore watching, JobStore working) {
    assertThat(working.events().mayHaveListeners())
        .as("anyone listening, before any does")
        .isFalse();
    try (Subscription subscription = watching.events().subscribe(event -> {})) {
      await()
          .atMost(BOUND)
          .untilAsserted(
              () ->
                  assertThat(working.events().mayHaveListeners())
                      .as("anyone listening, once another store subscribed")
                      .isTrue());
    }
  }

  /**
   * Runs one job through {@code working} and asserts {@code watching}'s subscribers hear its
   * enqueue, start and completion.
   */
  public static void assertAJobRunElsewhereIsHeard(JobStore watching, JobStore working) {
    Queue<JobEvent> heard = new ConcurrentLinkedQueue<>();
    JobStore publishing = new EventPublishingStore(working, InstantSource.system());
    try (Subscription subscription = watching.events().subscribe(heard::add)) {
      UUID id = publishing.enqueue(List.of(Specs.spec("mail"))).get(0).id();
      Job claimed = publishing.claim(Specs.claim(Specs.WORKER, 1, "mail")).get(0);
      publishing.complete(List.of(new Completion(claimed.lease(), null)));

      await()
          .atMost(BOUND)
          .untilAsserted(
              () ->
                  assertThat(heard)
                      .extracting(JobEvent::type)
                      .containsExactly(Type.ENQUEUED, Type.STARTED, Type.COMPLETED));
      assertThat(heard).extracting(JobEvent::jobId).containsOnly(id);
    }
  }
}
