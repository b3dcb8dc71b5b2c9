package io.drover.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.events.JobEvent.Type;
import io.drover.store.ClaimRequest;
import io.drover.store.Completion;
import io.drover.store.QueuePattern;
import io.drover.store.memory.MemoryJobStore;
import io.drover.workflow.RunSpec;
import io.drover.workflow.StepSpec;
import io.drover.workflow.StepWait;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a run's end tells the event stream: completed, failed and cancelled runs, by id and name.
 */
class RunEventsTest {
  private final EventPublishingStore store =
      new EventPublishingStore(new MemoryJobStore(), InstantSource.system());
  private final List<JobEvent> heard = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void theLastStepCompleting_tellsTheRunCompleted() {
    store.events().subscribe(heard::add);
    RunSpec spec = RunSpec.builder("nightly").step(StepSpec.of("only", job())).build();
    store.workflows().createRun(spec);
    Job step = claim();

    store.complete(List.of(new Completion(step.lease(), null)));

    assertThat(runEvents()).containsExactly(Type.RUN_COMPLETED);
    JobEvent event = heard.stream().filter(e -> e.type().isRunEvent()).findFirst().orElseThrow();
    assertThat(event.jobId()).isEqualTo(spec.id());
    assertThat(event.kind()).isEqualTo("nightly");
    assertThat(event.queue()).isEqualTo(JobEvent.RUN_QUEUE);
  }

  @Test
  void aCancelledRun_andASignalThatCompletesOne_areTold() {
    store.events().subscribe(heard::add);
    RunSpec cancelled = RunSpec.builder("a").step(StepSpec.of("x", job())).build();
    RunSpec signalled =
        RunSpec.builder("b")
            .step(StepSpec.waiting("ok", new StepWait.Signal("ok", Duration.ofMinutes(1), null)))
            .build();
    store.workflows().createRun(cancelled);
    store.workflows().createRun(signalled);

    store.workflows().cancelRun(cancelled.id());
    store.workflows().signal(signalled.id(), "ok", "{}");

    assertThat(runEvents()).containsExactly(Type.RUN_CANCELLED, Type.RUN_COMPLETED);
    assertThat(Type.RUN_CANCELLED.wireName()).isEqualTo("run.cancelled");
    assertThat(Type.ofWireName("run.failed")).isEqualTo(Type.RUN_FAILED);
  }

  private List<Type> runEvents() {
    return heard.stream().map(JobEvent::type).filter(Type::isRunEvent).toList();
  }

  private static JobSpec job() {
    return JobSpec.builder("flow", "step").build();
  }

  private Job claim() {
    return store
        .claim(new ClaimRequest("w", List.of(QueuePattern.of("flow")), 1, Duration.ofMinutes(1)))
        .getFirst();
  }
}
