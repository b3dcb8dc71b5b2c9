package io.drover.store;

import io.drover.JobSpec;
import io.drover.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A store whose concurrent enqueue calls are gathered into few calls of the store beneath (group
 * commit): fifty producers enqueueing one job each pay one round trip and one commit per group, not
 * one each. No call waits for company: a call that finds fewer than {@code senders} calls under way
 * goes at once; calls that arrive meanwhile queue up, and each call that ends wakes the first of
 * them, which takes every queued call along, up to {@link #GROUP_JOBS} jobs. A caller is answered
 * with its own jobs' answers once the call carrying them returned, so after their commit.
 *
 * <p>A group's call that finds the store unreachable fails every caller in it, with that exception,
 * as each caller's own call would have. Any other failure (a job the store refuses) sends each
 * caller's jobs again on their own, so one caller's bad job fails that caller alone; a job the
 * failed call did write is then answered as existing ({@code created=false}), as stores that write
 * a call in one transaction never leave one behind.
 */
public final class EnqueueGroupingStore extends ForwardingJobStore {
  /** Jobs a group takes before it stops adding calls to it; a larger call goes on its own. */
  public static final int GROUP_JOBS = 1_000;

  private final ConcurrentLinkedQueue<Pending> queued = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean sending = new AtomicBoolean();

  public EnqueueGroupingStore(JobStore store) {
    super(store);
  }

  @Override
  public List<Enqueued> enqueue(List<JobSpec> specs) {
    if (specs.size() >= GROUP_JOBS) {
      return store.enqueue(specs);
    }
    Pending mine = new Pending(specs);
    queued.add(mine);
    boolean interrupted = false;
    while (!mine.done) {
      boolean sent = false;
      if (sending.compareAndSet(false, true)) {
        try {
          sent = sendGroup();
        } finally {
          sending.set(false);
          wakeFirstQueued();
        }
      }
      if (!sent && !mine.done) {
        // Woken when its group is answered, or when no group is under way and it is first in line.
        // The call cannot be abandoned once queued, so an interrupt is kept for the caller instead.
        LockSupport.park(this);
        interrupted |= Thread.interrupted();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return mine.answers();
  }

  private void wakeFirstQueued() {
    Pending first = queued.peek();
    if (first != null) {
      LockSupport.unpark(first.caller);
    }
  }

  /** Sends the queued calls as one group. @return false if none were queued */
  private boolean sendGroup() {
    List<Pending> group = new ArrayList<>();
    int jobs = 0;
    for (Pending next; jobs < GROUP_JOBS && (next = queued.poll()) != null; ) {
      group.add(next);
      jobs += next.specs.size();
    }
    if (group.isEmpty()) {
      return false;
    }
    try {
      if (group.size() == 1) {
        sendAlone(group.get(0));
      } else {
        sendTogether(group, jobs);
      }
    } finally {
      // Only an Error gets here with callers unanswered; they must not wait forever.
      for (Pending pending : group) {
        pending.failIfUnanswered();
      }
    }
    return true;
  }

  private void sendTogether(List<Pending> group, int jobs) {
    List<JobSpec> specs = new ArrayList<>(jobs);
    for (Pending pending : group) {
      specs.addAll(pending.specs);
    }
    List<Enqueued> answers;
    try {
      answers = store.enqueue(specs);
    } catch (StoreUnavailableException e) {
      for (Pending pending : group) {
        pending.fail(e);
      }
      return;
    } catch (RuntimeException e) {
      for (Pending pending : group) {
        sendAlone(pending);
      }
      return;
    }
    int from = 0;
    for (Pending pending : group) {
      int to = from + pending.specs.size();
      pending.answer(new ArrayList<>(answers.subList(from, to)));
      from = to;
    }
  }

  private void sendAlone(Pending pending) {
    try {
      pending.answer(store.enqueue(pending.specs));
    } catch (RuntimeException e) {
      pending.fail(e);
    }
  }

  /** One caller's enqueue call, queued until a group carries it. */
  private static final class Pending {
    final List<JobSpec> specs;
    final Thread caller = Thread.currentThread();
    private List<Enqueued> answers;
    private RuntimeException failure;
    // Written last, after answers or failure: a caller that reads it true sees them.
    volatile boolean done;

    Pending(List<JobSpec> specs) {
      this.specs = specs;
    }

    void answer(List<Enqueued> answers) {
      this.answers = answers;
      end();
    }

    void fail(RuntimeException failure) {
      this.failure = failure;
      end();
    }

    void failIfUnanswered() {
      if (!done) {
        fail(new IllegalStateException("the store call carrying these jobs ended abnormally"));
      }
    }

    private void end() {
      done = true;
      LockSupport.unpark(caller);
    }

    List<Enqueued> answers() {
      if (failure != null) {
        throw failure;
      }
      return answers;
    }
  }
}
