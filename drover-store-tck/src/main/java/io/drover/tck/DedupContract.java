package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.store.CleanupRequest;
import io.drover.store.Completion;
import io.drover.store.Enqueued;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * De-duplication: one job per (queue, dedup_key) for the window after the first job's creation,
 * whatever became of that job, so producers may enqueue at-least-once.
 */
abstract class DedupContract extends ContractArea {
  private static final Duration WINDOW = Duration.ofHours(1);

  DedupContract(JobStoreContract suite) {
    super(suite);
  }

  private static JobSpec keyed(String queue, String key) {
    return Specs.job(queue).dedupKey(key).dedupWindow(WINDOW).build();
  }

  private Enqueued enqueueAnswer(JobSpec spec) {
    return store().enqueue(List.of(spec)).get(0);
  }

  @Test
  void dedup_insideTheWindow_answersWithTheFirstJob() {
    UUID first = enqueue(keyed("orders", "order-42"));
    advance(WINDOW.minusMillis(1));
    JobSpec second = keyed("orders", "order-42");

    assertThat(enqueueAnswer(second)).isEqualTo(new Enqueued(first, false));
    assertThat(store().get(second.id())).isEmpty();
    assertThat(stats("orders").total()).isEqualTo(1);
  }

  @Test
  void dedup_afterTheWindow_makesANewJob() {
    UUID first = enqueue(keyed("orders", "order-42"));
    advance(WINDOW.plusMillis(1));
    JobSpec second = keyed("orders", "order-42");

    assertThat(enqueueAnswer(second)).isEqualTo(new Enqueued(second.id(), true));
    assertThat(job(first).state()).isEqualTo(JobState.WAITING);
    assertThat(stats("orders").total()).isEqualTo(2);
  }

  @Test
  void dedup_windowRunsFromTheFirstJobsCreation_notFromLaterDuplicates() {
    UUID first = enqueue(keyed("orders", "order-42"));
    advance(WINDOW.minusMinutes(10));
    assertThat(enqueueAnswer(keyed("orders", "order-42")).id()).isEqualTo(first);
    advance(Duration.ofMinutes(10).plusMillis(1));
    JobSpec late = keyed("orders", "order-42");

    assertThat(enqueueAnswer(late)).isEqualTo(new Enqueued(late.id(), true));
  }

  @Test
  void dedup_holdsAfterTheFirstJobFinished() {
    Job first = enqueueAndClaim(keyed("orders", "k"));
    store().complete(List.of(new Completion(first.lease(), null)));
    advance(Duration.ofMinutes(30));

    assertThat(enqueueAnswer(keyed("orders", "k"))).isEqualTo(new Enqueued(first.id(), false));
  }

  @Test
  void dedup_holdsAfterTheFirstJobWasCancelled() {
    UUID first = enqueue(keyed("orders", "k"));
    store().cancel(first);

    assertThat(enqueueAnswer(keyed("orders", "k"))).isEqualTo(new Enqueued(first, false));
  }

  @Test
  void dedup_isPerQueue() {
    enqueue(keyed("orders", "k"));
    JobSpec otherQueue = keyed("invoices", "k");

    assertThat(enqueueAnswer(otherQueue)).isEqualTo(new Enqueued(otherQueue.id(), true));
  }

  @Test
  void dedup_differentKeys_makeDifferentJobs() {
    enqueue(keyed("orders", "order-1"));
    JobSpec other = keyed("orders", "order-2");

    assertThat(enqueueAnswer(other)).isEqualTo(new Enqueued(other.id(), true));
  }

  @Test
  void dedup_appliesInsideOneBatch() {
    JobSpec first = keyed("orders", "k");
    JobSpec second = keyed("orders", "k");

    List<Enqueued> answers = store().enqueue(List.of(first, second));

    assertThat(answers)
        .containsExactly(new Enqueued(first.id(), true), new Enqueued(first.id(), false));
  }

  @Test
  void dedup_afterTheWindowAndCleanup_makesANewJob() {
    enqueue(Specs.job("orders").dedupKey("k").dedupWindow(Duration.ofMinutes(10)).build());
    advance(Duration.ofMinutes(11));
    store().cleanup(CleanupRequest.DEFAULT);
    JobSpec again = Specs.job("orders").dedupKey("k").dedupWindow(Duration.ofMinutes(10)).build();

    assertThat(enqueueAnswer(again)).isEqualTo(new Enqueued(again.id(), true));
  }
}
