package io.drover.bench;

import io.drover.Job;
import io.drover.store.ClaimRequest;
import io.drover.store.Completion;
import io.drover.store.ForwardingJobStore;
import io.drover.store.JobChange;
import io.drover.store.JobStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store that passes every call through and notes, as a worker pool uses it, when the first claim
 * that found jobs started and when the last completion was committed: the two ends of a drain, as
 * the store saw them rather than as the handlers did (acknowledgements are batched and late).
 */
final class MeasuredStore extends ForwardingJobStore {
  /** Marks a time not seen yet. */
  static final long NEVER = Long.MIN_VALUE;

  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong claimCalls = new AtomicLong();
  private final AtomicLong completeCalls = new AtomicLong();
  private final AtomicLong firstClaimAt = new AtomicLong(NEVER);
  private final AtomicLong lastCompletionAt = new AtomicLong(NEVER);

  MeasuredStore(JobStore store) {
    super(store);
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
  public List<JobChange> complete(List<Completion> completions) {
    List<JobChange> done = store.complete(completions);
    completeCalls.incrementAndGet();
    // The time before the count, so whoever sees the last count also sees its time.
    lastCompletionAt.accumulateAndGet(WallClock.nanos(), Math::max);
    completed.addAndGet(done.size());
    return done;
  }

  /** Leaves the store open: the bench that handed it in closes it. */
  @Override
  public void close() {}
}
