package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.Progress;
import io.drover.events.EventPublishingStore;
import io.drover.events.JobEvent;
import io.drover.events.JobEvent.Type;
import io.drover.store.Completion;
import io.drover.store.Failure;
import io.drover.store.JobStore;
import io.drover.store.ProgressUpdate;
import io.drover.store.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * Job events: what is published on a store's channel reaches its subscribers whole and in order,
 * however the store carries it, and a job's life told through {@link EventPublishingStore} arrives
 * as the steps that happened. Delivery is best effort, so only arrival is asserted, within a bound.
 */
abstract class EventContract extends ContractArea {
  private static final Duration BOUND = Duration.ofSeconds(5);

  EventContract(JobStoreContract suite) {
    super(suite);
  }

  @Test
  void publish_reachesEverySubscriberWholeAndInOrder() {
    Queue<JobEvent> first = new ConcurrentLinkedQueue<>();
    Queue<JobEvent> second = new ConcurrentLinkedQueue<>();
    List<JobEvent> sent =
        List.of(
            event(Type.ENQUEUED, 0, null, null),
            new JobEvent(
                Type.PROGRESS,
                UUID.randomUUID(),
                "q",
                "k",
                1,
                now(),
                new Progress(40, "half"),
                null,
                null),
            new JobEvent(
                Type.RETRYING,
                UUID.randomUUID(),
                "q",
                "k",
                1,
                now(),
                null,
                "boom",
                now().plusSeconds(5)));
    try (Subscription a = store().events().subscribe(first::add);
        Subscription b = store().events().subscribe(second::add)) {
      store().events().publish(sent);

      await()
          .atMost(BOUND)
          .untilAsserted(
              () -> {
                assertThat(first).containsExactlyElementsOf(sent);
                assertThat(second).containsExactlyElementsOf(sent);
              });
    }
  }

  @Test
  void publish_aLargeBatchOfLongEvents_arrivesWhole() {
    Queue<JobEvent> heard = new ConcurrentLinkedQueue<>();
    String longError = "é".repeat(5_000);
    List<JobEvent> sent = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      sent.add(event(Type.FAILED, i, longError, null));
    }
    try (Subscription subscription = store().events().subscribe(heard::add)) {
      store().events().publish(sent);

      await().atMost(BOUND).untilAsserted(() -> assertThat(heard).hasSize(300));
    }
    assertThat(heard).containsExactlyElementsOf(sent);
    assertThat(heard.peek().error()).hasSize(JobEvent.MAX_ERROR_CHARS);
  }

  @Test
  void publishingStore_tellsAJobsLifeInOrder() {
    JobStore publishing = new EventPublishingStore(store(), clock());
    Queue<JobEvent> heard = new ConcurrentLinkedQueue<>();
    try (Subscription subscription = store().events().subscribe(heard::add)) {
      UUID retried = publishing.enqueue(List.of(Specs.spec("mail"))).get(0).id();
      Job first = publishing.claim(Specs.claim(Specs.WORKER, 1, "mail")).get(0);
      publishing.updateProgress(List.of(new ProgressUpdate(first.lease(), new Progress(50, "x"))));
      publishing.fail(
          List.of(new Failure(first.lease(), Specs.error(first, "flaky", now()), now())));
      Job second = publishing.claim(Specs.claim(Specs.WORKER, 1, "mail")).get(0);
      publishing.complete(List.of(new Completion(second.lease(), "{}")));
      UUID cancelled = publishing.enqueue(List.of(Specs.spec("mail"))).get(0).id();
      publishing.cancel(cancelled);

      await()
          .atMost(BOUND)
          .untilAsserted(
              () ->
                  assertThat(heard)
                      .extracting(JobEvent::type, JobEvent::jobId, JobEvent::attempt)
                      .containsExactly(
                          tuple(Type.ENQUEUED, retried, 0),
                          tuple(Type.STARTED, retried, 1),
                          tuple(Type.PROGRESS, retried, 1),
                          tuple(Type.RETRYING, retried, 1),
                          tuple(Type.STARTED, retried, 2),
                          tuple(Type.COMPLETED, retried, 2),
                          tuple(Type.ENQUEUED, cancelled, 0),
                          tuple(Type.CANCELLED, cancelled, 0)));
    }
    assertThat(heard).allSatisfy(event -> assertThat(event.queue()).isEqualTo("mail"));
    assertThat(heard)
        .filteredOn(event -> event.type() == Type.RETRYING)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.error()).isEqualTo("flaky");
              assertThat(event.retryAt()).isEqualTo(now());
            });
  }

  @Test
  void publishingStore_tellsOutcomesOfJobsClaimedElsewhere_andOfExpiredLeasesWithTheirError() {
    JobStore publishing = new EventPublishingStore(store(), clock());
    JobSpec.Builder mail = JobSpec.builder("mail", "mail.send").maxAttempts(3);
    store().enqueue(List.of(mail.build(), mail.build()));
    // Claimed past the publisher, as by another process: it learns of the jobs from the answers.
    List<Job> claimed = store().claim(Specs.claim(Specs.WORKER, 2, "mail"));
    assertThat(claimed).hasSize(2);
    Job completed = claimed.get(0);
    Job reaped = claimed.get(1);
    Queue<JobEvent> heard = new ConcurrentLinkedQueue<>();
    try (Subscription subscription = store().events().subscribe(heard::add)) {
      publishing.complete(List.of(new Completion(completed.lease(), null)));
      expireLease();
      publishing.reapExpiredLeases(Specs.reap(10));

      await()
          .atMost(BOUND)
          .untilAsserted(
              () ->
                  assertThat(heard)
                      .extracting(
                          JobEvent::type,
                          JobEvent::jobId,
                          JobEvent::queue,
                          JobEvent::kind,
                          JobEvent::attempt)
                      .containsExactly(
                          tuple(Type.COMPLETED, completed.id(), "mail", "mail.send", 1),
                          tuple(Type.RETRYING, reaped.id(), "mail", "mail.send", 1)));
    }
    Job retrying = job(reaped.id());
    assertThat(heard)
        .filteredOn(event -> event.type() == Type.RETRYING)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.error()).isEqualTo(retrying.errors().getLast().message());
              assertThat(event.error()).contains("lease expired");
              assertThat(event.retryAt()).isEqualTo(retrying.runAt());
            });
  }

  private JobEvent event(Type type, int attempt, String error, Instant retryAt) {
    return new JobEvent(
        type, UUID.randomUUID(), "mail", Specs.KIND, attempt, now(), null, error, retryAt);
  }
}
