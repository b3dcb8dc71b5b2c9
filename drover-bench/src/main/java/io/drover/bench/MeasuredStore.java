package io.drover.bench;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.store.ClaimRequest;
import io.drover.store.CleanupRequest;
import io.drover.store.Completion;
import io.drover.store.Enqueued;
import io.drover.store.Failure;
import io.drover.store.HeartbeatRequest;
import io.drover.store.JobPage;
import io.drover.store.JobQuery;
import io.drover.store.JobStore;
import io.drover.store.ProgressUpdate;
import io.drover.store.QueueStats;
import io.drover.store.Release;
import io.drover.store.Subscription;
import io.drover.store.WakeupListener;
import io.drover.store.WorkerInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store that passes every call through and notes, as a worker pool uses it, when the first claim
 * that found jobs started and when the last completion was committed: the two ends of a drain, as
 * the store saw them rather than as the handlers did (acknowledgements are batched and late).
 */
final class MeasuredStore implements JobStore {
  /** Marks a time not seen yet. */
  static final long NEVER = Long.MIN_VALUE;

  private final JobStore store;
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong claimCalls = new AtomicLong();
  private final AtomicLong completeCalls = new AtomicLong();
  private final AtomicLong firstClaimAt = new AtomicLong(NEVER);
  private final AtomicLong lastCompletionAt = new AtomicLong(NEVER);

  MeasuredStore(JobStore store) {
    this.store = store;
  }

  /** Jobs completed through this store so far. */
  long completed() {
    return completed.get();
  }

  /** Claim round trips so far, found jobs or not. */
  long claimCalls() {
    return claimCalls.get();
  }

  /** Completion round trips so far. */
  long completeCalls() {
    return completeCalls.get();
  }

  /** Wall-clock nanoseconds when the first claim that returned jobs began, or {@link #NEVER}. */
  long firstClaimAt() {
    return firstClaimAt.get();
  }

  /** Wall-clock nanoseconds when the latest completion call returned, or {@link #NEVER}. */
  long lastCompletionAt() {
    return lastCompletionAt.get();
  }

  @Override
  public List<Job> claim(ClaimRequest request) {
    long startedAt = WallClock.nanos();
    List<Job> claimed = store.claim(request);
    claimCalls.incrementAndGet();
    if (!claimed.isEmpty()) {
      firstClaimAt.compareAndSet(NEVER, startedAt);
    }
    return claimed;
  }

  @Override
  public Set<UUID> complete(List<Completion> completions) {
    Set<UUID> done = store.complete(completions);
    completeCalls.incrementAndGet();
    // The time before the count, so whoever sees the last count also sees its time.
    lastCompletionAt.accumulateAndGet(WallClock.nanos(), Math::max);
    completed.addAndGet(done.size());
    return done;
  }

  @Override
  public String name() {
    return store.name();
  }

  @Override
  public List<Enqueued> enqueue(List<JobSpec> specs) {
    return store.enqueue(specs);
  }

  @Override
  public Set<UUID> heartbeat(HeartbeatRequest request) {
    return store.heartbeat(request);
  }

  @Override
  public Set<UUID> fail(List<Failure> failures) {
    return store.fail(failures);
  }

  @Override
  public Set<UUID> release(List<Release> releases) {
    return store.release(releases);
  }

  @Override
  public Set<UUID> updateProgress(List<ProgressUpdate> updates) {
    return store.updateProgress(updates);
  }

  @Override
  public List<UUID> reapExpiredLeases(int max) {
    return store.reapExpiredLeases(max);
  }

  @Override
  public int cleanup(CleanupRequest request) {
    return store.cleanup(request);
  }

  @Override
  public Optional<Job> get(UUID id) {
    return store.get(id);
  }

  @Override
  public JobPage list(JobQuery query) {
    return store.list(query);
  }

  @Override
  public boolean cancel(UUID id) {
    return store.cancel(id);
  }

  @Override
  public boolean retryNow(UUID id) {
    return store.retryNow(id);
  }

  @Override
  public List<QueueStats> stats() {
    return store.stats();
  }

  @Override
  public void pauseQueue(String queue) {
    store.pauseQueue(queue);
  }

  @Override
  public void resumeQueue(String queue) {
    store.resumeQueue(queue);
  }

  @Override
  public void registerWorker(WorkerInfo worker) {
    store.registerWorker(worker);
  }

  @Override
  public void heartbeatWorker(String workerId, int running) {
    store.heartbeatWorker(workerId, running);
  }

  @Override
  public void removeWorker(String workerId) {
    store.removeWorker(workerId);
  }

  @Override
  public List<WorkerInfo> workers() {
    return store.workers();
  }

  @Override
  public boolean supportsWakeups() {
    return store.supportsWakeups();
  }

  @Override
  public Subscription subscribe(WakeupListener listener) {
    return store.subscribe(listener);
  }

  /** Leaves the store open: the bench that handed it in closes it. */
  @Override
  public void close() {}
}
