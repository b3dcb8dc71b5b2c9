package io.drover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.runtime.WorkerConfig;
import io.drover.store.Enqueued;
import io.drover.store.memory.MemoryJobStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the README shows: embedding Drover with nothing but its public API. */
class EmbeddingTest {

  record Email(String to, String subject) {}

  @Test
  void embeddedDrover_runsEnqueuedJobsToCompletion() {
    try (Drover drover =
        Drover.builder()
            .store(new MemoryJobStore())
            .handler(
                "email.send",
                ctx -> {
                  Email email = ctx.payloadAs(Email.class);
                  return Outcome.complete("{\"sent_to\":\"" + email.to() + "\"}");
                })
            .worker(WorkerConfig.builder().queues("email,reports.*").concurrency(2).build())
            .build()
            .start()) {

      Enqueued sent =
          drover.enqueue(
              JobSpec.builder("email", "email.send")
                  .payload("{\"to\":\"ana@example.com\",\"subject\":\"Hi\"}")
                  .priority(Priority.HIGH)
                  .build());
      List<Enqueued> batch =
          drover.enqueueAll(
              List.of(
                  JobSpec.builder("email", "email.send")
                      .payload("{\"to\":\"b@example.com\"}")
                      .build(),
                  JobSpec.builder("email", "email.send")
                      .payload("{\"to\":\"c@example.com\"}")
                      .build()));

      assertThat(sent.created()).isTrue();
      assertThat(batch).allMatch(Enqueued::created);
      Job done =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () -> drover.get(sent.id()).orElseThrow(),
                  job -> job.state() == JobState.COMPLETED);
      assertThat(done.result()).isEqualTo("{\"sent_to\":\"ana@example.com\"}");
      assertThat(done.priority()).isEqualTo(7);
      for (Enqueued e : batch) {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> drover.get(e.id()).orElseThrow().state() == JobState.COMPLETED);
      }
    }
  }

  @Test
  void enqueueingTheSameSpecTwice_makesOneJob() {
    try (Drover drover = Drover.builder().store(new MemoryJobStore()).workers(false).build()) {
      JobSpec spec = JobSpec.builder("sync", "shop.sync").dedupKey("shop-42").build();

      Enqueued first = drover.enqueue(spec);
      Enqueued again = drover.enqueue(spec);
      Enqueued sameKey =
          drover.enqueue(JobSpec.builder("sync", "shop.sync").dedupKey("shop-42").build());

      assertThat(first.created()).isTrue();
      assertThat(again).isEqualTo(new Enqueued(first.id(), false));
      assertThat(sameKey).isEqualTo(new Enqueued(first.id(), false));
    }
  }
}
