package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drover.Job;
import io.drover.store.Failure;
import io.drover.store.QueuePattern;
import io.drover.store.Subscription;
import io.drover.store.WakeupListener;
import io.drover.workflow.RunSpec;
import io.drover.workflow.StepSpec;
import io.drover.workflow.StepWait;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * What an idle worker and the maintenance ask and hear so they need not poll: when the next delayed
 * job is due ({@code nextDue}), when the next wait of a run ends ({@code nextWaitAt}), and the due
 * times a store that pushes wake-ups announces. Announcements are hints: only arrival is asserted,
 * within a bound.
 */
abstract class IdleContract extends ContractArea {
  private static final Duration BOUND = Duration.ofSeconds(5);

  IdleContract(JobStoreContract suite) {
    super(suite);
  }

  @Test
  void nextDue_isTheEarliestDelayedJobOfTheQueuesAsked() {
    Instant now = now();
    enqueue(Specs.spec("mail"));
    enqueue(Specs.job("mail").runAt(now.plusSeconds(10)).build());
    enqueue(Specs.job("mail").runAt(now.plusSeconds(30)).build());
    enqueue(Specs.job("scrape.a").runAt(now.plusSeconds(5)).build());
    enqueue(Specs.job("other").runAt(now.plusSeconds(2)).build());

    assertThat(nextDue("mail")).contains(now.plusSeconds(10));
    assertThat(nextDue("scrape.*")).contains(now.plusSeconds(5));
    assertThat(nextDue("mail", "scrape.*")).contains(now.plusSeconds(5));
    assertThat(nextDue("*")).contains(now.plusSeconds(2));
    assertThat(nextDue("nothing.here")).isEmpty();
  }

  @Test
  void nextDue_passesOverJobsDueAlready_andCountsRetries() {
    Instant start = now();
    enqueue(Specs.job("mail").runAt(start.plusSeconds(5)).build());
    enqueue(Specs.job("mail").runAt(start.plusSeconds(60)).build());
    store().pauseQueue("mail");
    advance(Duration.ofSeconds(6));

    assertThat(nextDue("mail"))
        .as("the job due already, held by the pause, is not next")
        .contains(start.plusSeconds(60));

    store().resumeQueue("mail");
    Job claimed = claim(1, "mail").get(0);
    Instant retryAt = now().plusSeconds(20);
    store()
        .fail(
            List.of(
                new Failure(
                    claimed.lease(), Specs.error(claimed, "upstream 503", now()), retryAt)));

    assertThat(nextDue("mail")).contains(retryAt);
  }

  @Test
  void delayedJobsAndRetries_announceTheirDueTime() {
    assumeTrue(store().supportsWakeups(), store().name() + " store does not push wake-ups");
    Queue<String> heard = new ConcurrentLinkedQueue<>();
    try (Subscription subscription = store().subscribe(new Heard(heard))) {
      Instant runAt = now().plusSeconds(10);
      enqueue(Specs.job("mail").runAt(runAt).build());
      enqueue(Specs.job("mail").runAt(runAt.plusSeconds(5)).build());

      await()
          .atMost(BOUND)
          .untilAsserted(() -> assertThat(heard).contains("due mail " + runAt.toEpochMilli()));

      Job claimed = enqueueAndClaim(Specs.job("work").maxAttempts(3).build());
      Instant retryAt = now().plusSeconds(45);
      store()
          .fail(List.of(new Failure(claimed.lease(), Specs.error(claimed, "503", now()), retryAt)));

      await()
          .atMost(BOUND)
          .untilAsserted(() -> assertThat(heard).contains("due work " + retryAt.toEpochMilli()));
    }
  }

  @Test
  void aTimerStarted_isAnnounced_andNextWaitAtSaysWhenItEnds() {
    assumeTrue(store().supportsWorkflows(), store().name() + " store does not run workflows");
    assertThat(store().workflows().nextWaitAt()).isEmpty();
    Queue<String> heard = new ConcurrentLinkedQueue<>();
    try (Subscription subscription = store().subscribe(new Heard(heard))) {
      RunSpec spec =
          RunSpec.builder("drip")
              .step(StepSpec.waiting("pause", new StepWait.Timer(Duration.ofMinutes(10))))
              .step(StepSpec.of("follow-up", Specs.spec("flow.follow-up")).dependsOn("pause"))
              .build();
      Instant ends = now().plus(Duration.ofMinutes(10));
      store().workflows().createRun(spec);

      assertThat(store().workflows().nextWaitAt()).contains(ends);
      if (store().supportsWakeups()) {
        await()
            .atMost(BOUND)
            .untilAsserted(() -> assertThat(heard).contains("wait " + ends.toEpochMilli()));
      }
      advance(Duration.ofMinutes(10));
      assertThat(store().workflows().fireDueWaits(10)).isEqualTo(1);
      assertThat(store().workflows().nextWaitAt()).isEmpty();
    }
  }

  private Optional<Instant> nextDue(String... patterns) {
    return store().nextDue(QueuePattern.parseList(String.join(",", patterns)));
  }

  /** Writes what it hears as text, so a failed assertion shows all of it. */
  private record Heard(Queue<String> into) implements WakeupListener {
    @Override
    public void jobsAvailable(String queue) {
      into.add("available " + queue);
    }

    @Override
    public void jobsDue(String queue, Instant at) {
      into.add("due " + queue + " " + at.toEpochMilli());
    }

    @Override
    public void waitDue(Instant at) {
      into.add("wait " + at.toEpochMilli());
    }
  }
}
