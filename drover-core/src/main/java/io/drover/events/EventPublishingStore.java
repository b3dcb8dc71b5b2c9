package io.drover.events;

import io.drover.Job;
import io.drover.JobError;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.events.JobEvent.Type;
import io.drover.store.ClaimRequest;
import io.drover.store.Completion;
import io.drover.store.Enqueued;
import io.drover.store.Failure;
import io.drover.store.ForwardingJobStore;
import io.drover.store.HeartbeatRequest;
import io.drover.store.JobStore;
import io.drover.store.LeaseRef;
import io.drover.store.ProgressUpdate;
import io.drover.store.ReapRequest;
import io.drover.store.Release;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A store that publishes, on its {@link JobStore#events() channel}, what its calls did to jobs once
 * the store has done it: every process that changes jobs through one tells every process that
 * watches them, whichever store they share. Acknowledgements name only a lease, so the jobs this
 * process claimed are remembered until they are acknowledged, to say which queue and kind their
 * events belong to; a job it does not remember is read back.
 *
 * <p>Each process publishes what it did once it is done, so the events of one job from two
 * processes can cross: a worker woken by an enqueue may announce the start before the producer
 * announces the enqueue. Within one process they keep their order; across processes, {@code at}
 * orders them.
 *
 * <p>While nobody can hear (an in-process channel without listeners), nothing is built or kept.
 */
public final class EventPublishingStore extends ForwardingJobStore {
  private final EventChannel channel;
  private final InstantSource clock;
  private final Map<UUID, Job> held = new ConcurrentHashMap<>();

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
        held.put(job.id(), job);
        events.add(
            JobEvent.of(
                Type.STARTED, job.id(), job.queue(), job.kind(), job.attempt(), job.startedAt()));
      }
      publish(events);
    }
    return claimed;
  }

  @Override
  public Set<UUID> heartbeat(HeartbeatRequest request) {
    Set<UUID> kept = store.heartbeat(request);
    for (LeaseRef lease : request.leases()) {
      if (!kept.contains(lease.jobId())) {
        held.remove(lease.jobId());
      }
    }
    return kept;
  }

  @Override
  public Set<UUID> complete(List<Completion> completions) {
    Set<UUID> done = store.complete(completions);
    publishOutcomes(
        completions,
        done,
        Completion::lease,
        (completion, job) -> outcome(Type.COMPLETED, job, null, null));
    return done;
  }

  @Override
  public Set<UUID> fail(List<Failure> failures) {
    Set<UUID> done = store.fail(failures);
    publishOutcomes(
        failures,
        done,
        Failure::lease,
        (failure, job) ->
            outcome(
                failure.retryAt() == null ? Type.FAILED : Type.RETRYING,
                job,
                failure.error().message(),
                failure.retryAt()));
    return done;
  }

  @Override
  public Set<UUID> release(List<Release> releases) {
    Set<UUID> released = store.release(releases);
    releases.forEach(release -> held.remove(release.lease().jobId()));
    return released;
  }

  @Override
  public Set<UUID> updateProgress(List<ProgressUpdate> updates) {
    Set<UUID> updated = store.updateProgress(updates);
    if (channel.mayHaveListeners()) {
      List<JobEvent> events = new ArrayList<>(updated.size());
      for (ProgressUpdate update : updates) {
        UUID id = update.lease().jobId();
        Job job = held.get(id);
        if (updated.contains(id) && (job != null || (job = readBack(id)) != null)) {
          events.add(
              new JobEvent(
                  Type.PROGRESS,
                  id,
                  job.queue(),
                  job.kind(),
                  job.attempt(),
                  clock.instant(),
                  update.progress(),
                  null,
                  null));
        }
      }
      publish(events);
    }
    return updated;
  }

  @Override
  public List<UUID> reapExpiredLeases(ReapRequest request) {
    List<UUID> reaped = store.reapExpiredLeases(request);
    reaped.forEach(held::remove);
    if (!reaped.isEmpty() && channel.mayHaveListeners()) {
      List<JobEvent> events = new ArrayList<>(reaped.size());
      for (UUID id : reaped) {
        Job job = readBack(id);
        if (job != null && (job.state() == JobState.RETRYING || job.state() == JobState.FAILED)) {
          JobError last = job.errors().isEmpty() ? null : job.errors().getLast();
          boolean retrying = job.state() == JobState.RETRYING;
          events.add(
              outcome(
                  retrying ? Type.RETRYING : Type.FAILED,
                  job,
                  last == null ? null : last.message(),
                  retrying ? job.runAt() : null));
        }
      }
      publish(events);
    }
    return reaped;
  }

  @Override
  public boolean cancel(UUID id) {
    boolean cancelled = store.cancel(id);
    held.remove(id);
    if (cancelled && channel.mayHaveListeners()) {
      Job job = readBack(id);
      if (job != null) {
        publish(
            List.of(
                JobEvent.of(
                    Type.CANCELLED, id, job.queue(), job.kind(), job.attempt(), clock.instant())));
      }
    }
    return cancelled;
  }

  @Override
  public void close() {
    held.clear();
    store.close();
  }

  /**
   * Forgets the acknowledged jobs, and tells of those the store accepted, reading back any this
   * process did not claim.
   */
  private <A> void publishOutcomes(
      List<A> acks,
      Set<UUID> done,
      Function<A, LeaseRef> lease,
      BiFunction<A, Job, JobEvent> event) {
    boolean wanted = channel.mayHaveListeners();
    List<JobEvent> events = wanted ? new ArrayList<>(done.size()) : List.of();
    for (A ack : acks) {
      UUID id = lease.apply(ack).jobId();
      Job claimed = held.remove(id);
      if (wanted && done.contains(id)) {
        Job job = claimed != null ? claimed : readBack(id);
        if (job != null) {
          events.add(event.apply(ack, job));
        }
      }
    }
    publish(events);
  }

  private JobEvent outcome(Type type, Job job, String error, Instant retryAt) {
    return new JobEvent(
        type,
        job.id(),
        job.queue(),
        job.kind(),
        job.attempt(),
        clock.instant(),
        null,
        error,
        retryAt);
  }

  /** The job as stored, or null when it is gone (deleted or cleaned up meanwhile). */
  private Job readBack(UUID id) {
    return store.get(id).orElse(null);
  }

  private void publish(List<JobEvent> events) {
    if (!events.isEmpty()) {
      channel.publish(events);
    }
  }
}
