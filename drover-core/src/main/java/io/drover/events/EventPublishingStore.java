package io.drover.events;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.events.JobEvent.Type;
import io.drover.store.AnswerMatcher;
import io.drover.store.ClaimRequest;
import io.drover.store.Completion;
import io.drover.store.Enqueued;
import io.drover.store.Failure;
import io.drover.store.ForwardingJobStore;
import io.drover.store.JobChange;
import io.drover.store.JobStore;
import io.drover.store.ProgressUpdate;
import io.drover.store.ReapRequest;
import io.drover.workflow.ForwardingWorkflowStore;
import io.drover.workflow.RunState;
import io.drover.workflow.SignalOutcome;
import io.drover.workflow.WorkflowStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A store that publishes, on its {@link JobStore#events() channel}, what its calls did to jobs once
 * the store has done it: every process that changes jobs through one tells every process that
 * watches them, whichever store they share. The store's answers ({@link JobChange}) say which
 * queue, kind and attempt each event belongs to, so nothing is kept between calls and no job is
 * read back, but for a cancel.
 *
 * <p>Each process publishes what it did once it is done, so the events of one job from two
 * processes can cross: a worker woken by an enqueue may announce the start before the producer
 * announces the enqueue. Within one process they keep their order; across processes, {@code at}
 * orders them.
 *
 * <p>While nobody can hear (an in-process channel without listeners), no event is built.
 */
public final class EventPublishingStore extends ForwardingJobStore {
  private final EventChannel channel;
  private final InstantSource clock;

  public EventPublishingStore(JobStore store, InstantSource clock) {
    super(store);
    this.channel = store.events();
    this.clock = clock;
  }

  @Override
  public List<Enqueued> enqueue(List<JobSpec> specs) {
    // Taken before the store stamps created_at, so ordering by time puts it before the start.
    Instant enqueuedAt = clock.instant();
    List<Enqueued> answers = store.enqueue(specs);
    if (channel.mayHaveListeners()) {
      List<JobEvent> events = new ArrayList<>(answers.size());
      for (int i = 0; i < answers.size(); i++) {
        Enqueued answer = answers.get(i);
        if (answer.created()) {
          JobSpec spec = specs.get(i);
          events.add(
              JobEvent.of(Type.ENQUEUED, answer.id(), spec.queue(), spec.kind(), 0, enqueuedAt));
        }
      }
      publish(events);
    }
    return answers;
  }

  @Override
  public List<Job> claim(ClaimRequest request) {
    List<Job> claimed = store.claim(request);
    if (!claimed.isEmpty() && channel.mayHaveListeners()) {
      List<JobEvent> events = new ArrayList<>(claimed.size());
      for (Job job : claimed) {
        events.add(
            JobEvent.of(
                Type.STARTED, job.id(), job.queue(), job.kind(), job.attempt(), job.startedAt()));
      }
      publish(events);
    }
    return claimed;
  }

  @Override
  public List<JobChange> complete(List<Completion> completions) {
    return publishOutcomes(store.complete(completions));
  }

  @Override
  public List<JobChange> fail(List<Failure> failures) {
    return publishOutcomes(store.fail(failures));
  }

  @Override
  public List<JobChange> updateProgress(List<ProgressUpdate> updates) {
    List<JobChange> updated = store.updateProgress(updates);
    if (!updated.isEmpty() && channel.mayHaveListeners()) {
      Instant at = clock.instant();
      AnswerMatcher<ProgressUpdate> matcher = new AnswerMatcher<>(updates, ProgressUpdate::lease);
      List<JobEvent> events = new ArrayList<>(updated.size());
      for (JobChange change : updated) {
        events.add(
            new JobEvent(
                Type.PROGRESS,
                change.id(),
                change.queue(),
                change.kind(),
                change.attempt(),
                at,
                matcher.itemFor(change.id()).progress(),
                null,
                null));
      }
      publish(events);
    }
    return updated;
  }

  @Override
  public List<JobChange> reapExpiredLeases(ReapRequest request) {
    return publishOutcomes(store.reapExpiredLeases(request));
  }

  @Override
  public boolean cancel(UUID id) {
    boolean cancelled = store.cancel(id);
    if (cancelled && channel.mayHaveListeners()) {
      store
          .get(id) // gone again if deleted meanwhile
          .ifPresent(
              job ->
                  publish(
                      List.of(
                          JobEvent.of(
                              Type.CANCELLED,
                              id,
                              job.queue(),
                              job.kind(),
                              job.attempt(),
                              clock.instant()))));
    }
    return cancelled;
  }

  /** Tells of the attempts that ended: completed, retrying or failed. */
  private List<JobChange> publishOutcomes(List<JobChange> changes) {
    if (!changes.isEmpty() && channel.mayHaveListeners()) {
      Instant at = clock.instant();
      List<JobEvent> events = new ArrayList<>(changes.size());
      for (JobChange change : changes) {
        Type type =
            switch (change.state()) {
              case COMPLETED -> Type.COMPLETED;
              case RETRYING -> Type.RETRYING;
              case FAILED -> Type.FAILED;
              default -> null; // the attempt did not end
            };
        if (type != null) {
          events.add(
              new JobEvent(
                  type,
                  change.id(),
                  change.queue(),
                  change.kind(),
                  change.attempt(),
                  at,
                  null,
                  change.error(),
                  change.retryAt()));
        }
      }
      addRunEvents(changes, at, events);
      publish(events);
    }
    return changes;
  }

  /**
   * Tells of the runs whose steps just finished and that are finished now. A run that failed while
   * other branches still ran is told of again as those finish: events are news, and the run, read
   * from the store, is the truth.
   */
  private void addRunEvents(List<JobChange> changes, Instant at, List<JobEvent> events) {
    Set<UUID> runs = new LinkedHashSet<>();
    for (JobChange change : changes) {
      if (change.runId() != null && change.state().isTerminal()) {
        runs.add(change.runId());
      }
    }
    for (UUID runId : runs) {
      store
          .workflows()
          .head(runId)
          .ifPresent(
              run -> {
                Type type =
                    switch (run.state()) {
                      case COMPLETED -> Type.RUN_COMPLETED;
                      case FAILED -> Type.RUN_FAILED;
                      case CANCELLED -> Type.RUN_CANCELLED;
                      case RUNNING -> null;
                    };
                if (type != null) {
                  events.add(JobEvent.ofRun(type, runId, run.name(), at));
                }
              });
    }
  }

  @Override
  public WorkflowStore workflows() {
    WorkflowStore runs = store.workflows();
    return new ForwardingWorkflowStore(runs) {
      @Override
      public boolean cancelRun(UUID id) {
        boolean cancelled = runs.cancelRun(id);
        if (cancelled && channel.mayHaveListeners()) {
          runs.head(id)
              .ifPresent(
                  run ->
                      publish(
                          List.of(
                              JobEvent.ofRun(
                                  Type.RUN_CANCELLED, id, run.name(), clock.instant()))));
        }
        return cancelled;
      }

      @Override
      public SignalOutcome signal(UUID runId, String signal, String body) {
        SignalOutcome outcome = runs.signal(runId, signal, body);
        if (outcome == SignalOutcome.DELIVERED && channel.mayHaveListeners()) {
          runs.head(runId)
              .filter(run -> run.state() == RunState.COMPLETED)
              .ifPresent(
                  run ->
                      publish(
                          List.of(
                              JobEvent.ofRun(
                                  Type.RUN_COMPLETED, runId, run.name(), clock.instant()))));
        }
        return outcome;
      }
    };
  }

  private void publish(List<JobEvent> events) {
    if (!events.isEmpty()) {
      channel.publish(events);
    }
  }
}
