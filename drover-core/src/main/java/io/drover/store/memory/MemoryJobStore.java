package io.drover.store.memory;

import io.drover.InvalidJobException;
import io.drover.Job;
import io.drover.JobError;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.events.EventChannel;
import io.drover.events.LocalEventChannel;
import io.drover.limit.LimitStore;
import io.drover.schedule.ScheduleStore;
import io.drover.store.Capabilities;
import io.drover.store.ClaimRequest;
import io.drover.store.CleanupRequest;
import io.drover.store.Completion;
import io.drover.store.Enqueued;
import io.drover.store.ExpiredLease;
import io.drover.store.Failure;
import io.drover.store.HeartbeatRequest;
import io.drover.store.JobChange;
import io.drover.store.JobPage;
import io.drover.store.JobQuery;
import io.drover.store.JobStore;
import io.drover.store.LeaseRef;
import io.drover.store.LeaseTokens;
import io.drover.store.LocalWakeups;
import io.drover.store.ProgressUpdate;
import io.drover.store.PurgeRequest;
import io.drover.store.QueuePattern;
import io.drover.store.QueueStats;
import io.drover.store.ReapRequest;
import io.drover.store.Release;
import io.drover.store.Subscription;
import io.drover.store.WakeupListener;
import io.drover.store.WorkerHeartbeat;
import io.drover.store.WorkerInfo;
import io.drover.workflow.RunState;
import io.drover.workflow.StepOfRunException;
import io.drover.workflow.WorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The reference {@link JobStore}: everything in this process's memory, lost when it exits. For
 * tests, for {@code --store memory}, and as the executable reading of the port's Javadoc.
 *
 * <p>One lock guards all jobs, which makes every operation atomic without further thought; the work
 * done under it stays small because {@link JobTable} keeps each job in a sorted index for its
 * state, so claim, reap and cleanup touch only the jobs they return. Runs ({@link MemoryRuns})
 * change their steps in the same turn of the lock as the job change that moves them.
 */
public final class MemoryJobStore implements JobStore {
  private static final String NAME = "memory";
  private static final Set<JobState> RETRYABLE =
      EnumSet.of(JobState.SCHEDULED, JobState.RETRYING, JobState.FAILED, JobState.CANCELLED);

  /** Jobs a purge deletes per turn of the lock, so claims get in between even in a huge purge. */
  private static final int PURGE_CHUNK = 1_000;

  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final JobTable table = new JobTable(); // guarded by lock
  private final MemoryRuns runs = new MemoryRuns(table); // guarded by lock
  private final MemoryWorkflows workflows = new MemoryWorkflows(this);
  private final MemoryLimits limits = new MemoryLimits(this);
  private final WorkerRegistry workers = new WorkerRegistry();
  private final LocalWakeups wakeups = new LocalWakeups();
  private final LocalEventChannel events = new LocalEventChannel();
  private final MemorySchedules schedules;

  /** A store on the system clock. */
  public MemoryJobStore() {
    this(InstantSource.system());
  }

  /** A store whose every time decision reads {@code clock}. */
  public MemoryJobStore(InstantSource clock) {
    this.clock = clock;
    this.schedules = new MemorySchedules(clock);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Enqueued> enqueue(List<JobSpec> specs) {
    Capabilities.requirePlainJobs(specs);
    // locked() wakes the queues of the jobs made and announces the delayed ones.
    return locked(
        () -> {
          Instant now = now();
          List<Enqueued> made = new ArrayList<>(specs.size());
          for (JobSpec spec : specs) {
            made.add(insert(spec, now));
          }
          return made;
        });
  }

  private Enqueued insert(JobSpec spec, Instant now) {
    if (table.contains(spec.id())) {
      return new Enqueued(spec.id(), false);
    }
    UUID holder = table.dedup.holder(spec.queue(), spec.dedupKey(), now);
    if (holder != null) {
      return new Enqueued(holder, false);
    }
    Instant runAt = spec.runAt() == null ? now : millis(spec.runAt());
    table.insert(new StoredJob(spec, runAt, now), now);
    return new Enqueued(spec.id(), true);
  }

  @Override
  public List<Job> claim(ClaimRequest request) {
    return locked(
        () -> {
          Instant now = now();
          Instant expiresAt = leaseEnd(now, request.lease());
          LeaseTokens tokens = LeaseTokens.draw(now.toEpochMilli());
          List<QueueIndex> open = table.open(request.queues(), now);
          long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
          LimitBook limits = table.limits;
          Predicate<StoredJob> admits =
              limits.capsNothing() ? job -> true : job -> limits.admits(job, nowMicros);
          List<Job> claimed = new ArrayList<>();
          StoredJob next;
          while (claimed.size() < request.max()
              && (next = JobTable.nextClaim(open, admits)) != null) {
            limits.charge(next, nowMicros);
            table.change(
                next,
                now,
                job -> {
                  job.state = JobState.ACTIVE;
                  job.attempt++;
                  job.startedAt = now;
                  job.workerId = request.workerId();
                  job.leaseToken = tokens.after(job.leaseToken);
                  job.leaseExpiresAt = expiresAt;
                });
            table.queue(next.queue()).served(next);
            claimed.add(next.snapshot());
          }
          return claimed;
        });
  }

  @Override
  public Set<UUID> heartbeat(HeartbeatRequest request) {
    return new LinkedHashSet<>(
        acknowledge(
            request.leases(),
            Function.identity(),
            (held, lease, now) ->
                table.change(held, now, job -> job.leaseExpiresAt = leaseEnd(now, request.lease())),
            StoredJob::id));
  }

  @Override
  public List<JobChange> complete(List<Completion> completions) {
    Set<String> woken = new LinkedHashSet<>();
    List<JobChange> done =
        acknowledge(
            completions,
            Completion::lease,
            (job, completion, now) -> complete(job, completion, now, woken),
            StoredJob::change);
    wakeups.signal(woken);
    return done;
  }

  /**
   * Completes a held job, first adding the steps it adds to its run; steps that break a rule fail
   * the job for good instead, with the rule as its error, so the run sees why.
   */
  private void complete(StoredJob held, Completion completion, Instant now, Set<String> woken) {
    if (!completion.addSteps().isEmpty()) {
      try {
        runs.add(held.id(), completion.addSteps(), now, woken);
      } catch (InvalidJobException refused) {
        JobError error = new JobError(held.attempt, refused.getMessage(), null, now);
        Failure failure = new Failure(new LeaseRef(held.id(), held.leaseToken), error, null);
        table.change(held, now, job -> recordFailure(job, failure, now));
        runs.finished(held, now, woken);
        return;
      }
    }
    table.change(held, now, job -> job.complete(completion.result(), now));
    runs.finished(held, now, woken);
  }

  @Override
  public List<JobChange> fail(List<Failure> failures) {
    Set<String> woken = new LinkedHashSet<>();
    List<JobChange> done =
        acknowledge(
            failures,
            Failure::lease,
            (held, failure, now) -> {
              table.change(held, now, job -> recordFailure(job, failure, now));
              finishedIfTerminal(held, now, woken);
            },
            StoredJob::change);
    wakeups.signal(woken);
    return done;
  }

  /** Lets the job's run react when the job just reached a terminal state. */
  private void finishedIfTerminal(StoredJob job, Instant now, Set<String> woken) {
    if (job.state.isTerminal()) {
      runs.finished(job, now, woken);
    }
  }

  private void recordFailure(StoredJob job, Failure failure, Instant now) {
    JobError error = failure.error();
    job.addError(new JobError(error.attempt(), error.message(), error.stack(), millis(error.at())));
    if (failure.retryAt() == null) {
      job.finish(JobState.FAILED, now);
    } else {
      job.state = JobState.RETRYING;
      job.runAt = millis(failure.retryAt());
      job.leaseExpiresAt = null;
    }
  }

  @Override
  public List<JobChange> release(List<Release> releases) {
    Set<String> woken = new LinkedHashSet<>();
    List<JobChange> released =
        acknowledge(
            releases,
            Release::lease,
            (held, release, now) -> {
              table.change(
                  held,
                  now,
                  job -> {
                    job.state = JobState.WAITING;
                    job.attempt = Math.max(0, job.attempt - 1);
                    job.leaseExpiresAt = null;
                  });
              woken.add(held.queue());
            },
            StoredJob::change);
    wakeups.signal(woken);
    return released;
  }

  @Override
  public List<JobChange> updateProgress(List<ProgressUpdate> updates) {
    return acknowledge(
        updates,
        ProgressUpdate::lease,
        (held, update, now) -> table.change(held, now, job -> job.progress = update.progress()),
        StoredJob::change);
  }

  @Override
  public List<JobChange> reapExpiredLeases(ReapRequest request) {
    Set<String> woken = new LinkedHashSet<>();
    List<JobChange> recovered =
        locked(
            () -> {
              Instant now = now();
              List<JobChange> reaped = new ArrayList<>();
              StoredJob expired;
              while (reaped.size() < request.max()
                  && (expired = table.oldestExpired(now)) != null) {
                Failure failure;
                try {
                  failure = request.expiry().failureOf(expiredLease(expired), now);
                } catch (RuntimeException unreadable) {
                  failure =
                      request
                          .expiry()
                          .unreadable(
                              new LeaseRef(expired.id(), expired.leaseToken),
                              expired.workerId,
                              unreadable,
                              now);
                }
                Failure decided = failure;
                table.change(expired, now, job -> recordFailure(job, decided, now));
                finishedIfTerminal(expired, now, woken);
                reaped.add(expired.change());
              }
              return reaped;
            });
    wakeups.signal(woken);
    return recovered;
  }

  private static ExpiredLease expiredLease(StoredJob job) {
    return new ExpiredLease(
        new LeaseRef(job.id(), job.leaseToken),
        job.attempt,
        job.maxAttempts,
        job.spec.backoff(),
        job.workerId,
        job.leaseExpiresAt);
  }

  @Override
  public int cleanup(CleanupRequest request) {
    return locked(
        () -> {
          Instant now = now();
          int budget = request.batchSize();
          int deleted = deleteFinished(JobState.COMPLETED, now.minus(request.completed()), budget);
          deleted += deleteFinished(JobState.FAILED, now.minus(request.failed()), budget - deleted);
          deleted +=
              deleteFinished(JobState.CANCELLED, now.minus(request.cancelled()), budget - deleted);
          deleted +=
              runs.cleanup(
                  Map.of(
                      RunState.COMPLETED, now.minus(request.completed()),
                      RunState.FAILED, now.minus(request.failed()),
                      RunState.CANCELLED, now.minus(request.cancelled())),
                  budget - deleted);
          table.dedup.forgetExpired(now);
          return deleted;
        });
  }

  private int deleteFinished(JobState state, Instant finishedBefore, int budget) {
    int deleted = 0;
    StoredJob old;
    while (deleted < budget && (old = table.oldestFinished(state, finishedBefore)) != null) {
      table.delete(old);
      deleted++;
    }
    return deleted;
  }

  @Override
  public Optional<Instant> nextDue(List<QueuePattern> queues) {
    return locked(() -> Optional.ofNullable(table.nextDue(queues, now())));
  }

  @Override
  public Optional<Job> get(UUID id) {
    return locked(() -> Optional.ofNullable(table.find(id)).map(StoredJob::snapshot));
  }

  @Override
  public JobPage list(JobQuery query) {
    UUID after = query.cursor() == null ? null : JobPage.decodeCursor(query.cursor());
    return locked(() -> table.page(query, after));
  }

  @Override
  public boolean cancel(UUID id) {
    Set<String> woken = new LinkedHashSet<>();
    boolean cancelled =
        locked(
            () -> {
              StoredJob job = table.require(id);
              if (job.state.isTerminal()) {
                return false;
              }
              Instant now = now();
              table.change(job, now, ended -> ended.finish(JobState.CANCELLED, now));
              runs.finished(job, now, woken);
              return true;
            });
    wakeups.signal(woken);
    return cancelled;
  }

  @Override
  public boolean retryNow(UUID id) {
    String queue =
        locked(
            () -> {
              StoredJob job = table.require(id);
              if (!RETRYABLE.contains(job.state)) {
                return null;
              }
              if (job.state.isTerminal() && runs.isStep(id)) {
                throw new StepOfRunException(id, runs.runOf(id), "retry the run instead");
              }
              Instant now = now();
              table.change(
                  job,
                  now,
                  retried -> {
                    retried.state = JobState.WAITING;
                    retried.runAt = now;
                    retried.finishedAt = null;
                    retried.maxAttempts = Math.max(retried.maxAttempts, retried.attempt + 1);
                  });
              return job.queue();
            });
    if (queue == null) {
      return false;
    }
    wakeups.signal(List.of(queue));
    return true;
  }

  @Override
  public boolean delete(UUID id) {
    return locked(
        () -> {
          StoredJob job = table.require(id);
          if (runs.isStep(id)) {
            throw new StepOfRunException(id, runs.runOf(id), "delete the run instead");
          }
          if (job.state == JobState.ACTIVE) {
            return false;
          }
          table.delete(job);
          return true;
        });
  }

  @Override
  public int purge(PurgeRequest request) {
    int deleted = 0;
    UUID after = null;
    while (true) {
      UUID from = after;
      List<StoredJob> chunk =
          locked(
              () -> {
                List<StoredJob> found =
                    table.inState(request.queue(), request.state(), from, PURGE_CHUNK);
                found.forEach(table::delete);
                return found;
              });
      deleted += chunk.size();
      if (chunk.size() < PURGE_CHUNK) {
        return deleted;
      }
      after = chunk.getLast().id();
    }
  }

  @Override
  public List<QueueStats> stats() {
    return locked(() -> table.stats(now()));
  }

  @Override
  public void pauseQueue(String queue) {
    setPaused(queue, true);
  }

  @Override
  public void resumeQueue(String queue) {
    setPaused(queue, false);
    wakeups.signal(List.of(queue));
  }

  private void setPaused(String queue, boolean paused) {
    JobSpec.checkName("queue", queue);
    locked(() -> table.queue(queue).paused = paused);
  }

  @Override
  public void registerWorker(WorkerInfo worker) {
    workers.register(worker);
  }

  @Override
  public void heartbeatWorker(WorkerHeartbeat heartbeat) {
    workers.heartbeat(heartbeat.workerId(), heartbeat.running(), now());
  }

  @Override
  public void removeWorker(String workerId) {
    workers.remove(workerId);
  }

  @Override
  public List<WorkerInfo> workers() {
    return workers.list();
  }

  @Override
  public boolean supportsWorkflows() {
    return true;
  }

  @Override
  public WorkflowStore workflows() {
    return workflows;
  }

  @Override
  public boolean supportsLimits() {
    return true;
  }

  @Override
  public LimitStore limits() {
    return limits;
  }

  @Override
  public boolean supportsSchedules() {
    return true;
  }

  @Override
  public ScheduleStore schedules() {
    return schedules;
  }

  @Override
  public boolean supportsWakeups() {
    return true;
  }

  /** Its one process is the whole fleet. */
  @Override
  public boolean wakeupsReachEveryProcess() {
    return true;
  }

  @Override
  public Subscription subscribe(WakeupListener listener) {
    return wakeups.subscribe(listener);
  }

  @Override
  public EventChannel events() {
    return events;
  }

  @Override
  public void close() {
    wakeups.clear();
    events.close();
  }

  /** Times are kept to the millisecond, as the SQL stores keep them. */
  static Instant millis(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
  }

  MemoryRuns runs() {
    return runs;
  }

  JobTable table() {
    return table;
  }

  void wake(Set<String> queues) {
    wakeups.signal(queues);
  }

  Instant now() {
    return millis(clock.instant());
  }

  private static Instant leaseEnd(Instant now, Duration lease) {
    return millis(now.plus(lease));
  }

  /**
   * One change to a job, made only while the caller's lease on it is still held; it edits the job
   * through {@link JobTable#change} so the indexes follow.
   */
  @FunctionalInterface
  private interface Acknowledgement<T> {
    void apply(StoredJob job, T item, Instant now);
  }

  /** Applies each item whose lease is held; answers for each of those, in the items' order. */
  private <T, A> List<A> acknowledge(
      List<T> items,
      Function<T, LeaseRef> lease,
      Acknowledgement<T> acknowledgement,
      Function<StoredJob, A> answer) {
    return locked(
        () -> {
          Instant now = now();
          List<A> done = new ArrayList<>();
          for (T item : items) {
            StoredJob held = table.held(lease.apply(item));
            if (held != null) {
              acknowledgement.apply(held, item, now);
              done.add(answer.apply(held));
            }
          }
          return done;
        });
  }

  /**
   * Runs {@code action} under the store's lock, then wakes the queues where it made jobs claimable
   * or freed a slot of a concurrency cap (their held-back jobs may start now), and announces when
   * the jobs it delayed become due.
   */
  <T> T locked(Supplier<T> action) {
    T result;
    Set<String> freed;
    List<String> made;
    lock.lock();
    try {
      result = action.get();
    } finally {
      freed = table.limits.takeFreed();
      made = table.takeWakeups();
      lock.unlock();
    }
    if (!freed.isEmpty()) {
      wakeups.signal(freed);
    }
    if (!made.isEmpty()) {
      wakeups.signal(made);
    }
    return result;
  }
}
