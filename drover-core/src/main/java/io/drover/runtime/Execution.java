package io.drover.runtime;

import io.drover.Job;
import io.drover.store.LeaseRef;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One job running in the pool. Several parties may want to end it — the handler returning, the
 * timeout, a lost lease, shutdown — and exactly one may decide its acknowledgement: whoever moves
 * it out of {@link Phase#RUNNING} first.
 */
final class Execution {
  enum Phase {
    RUNNING,
    /** The handler returned; its outcome is acknowledged. */
    FINISHED,
    /** The timeout passed; a failed attempt is acknowledged. */
    TIMED_OUT,
    /** The lease was lost (reaped, cancelled): nothing may be acknowledged. */
    ABANDONED,
    /** Shutdown gave the job back without using an attempt. */
    RELEASED
  }

  private final Job job;
  private final long startedNanos = System.nanoTime();
  private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.RUNNING);
  private volatile Thread thread;

  Execution(Job job) {
    this.job = job;
  }

  Job job() {
    return job;
  }

  LeaseRef lease() {
    return job.lease();
  }

  /** How long ago the pool claimed it and began running it. */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  void bind(Thread thread) {
    this.thread = thread;
  }

  boolean isRunning() {
    return phase.get() == Phase.RUNNING;
  }

  Phase phase() {
    return phase.get();
  }

  /** Ends the execution as {@code to} if nobody ended it first; interrupts the handler if asked. */
  boolean end(Phase to, boolean interrupt) {
    if (!phase.compareAndSet(Phase.RUNNING, to)) {
      return false;
    }
    Thread running = thread;
    if (interrupt && running != null) {
      running.interrupt();
    }
    return true;
  }
}
