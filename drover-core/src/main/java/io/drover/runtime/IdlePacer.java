package io.drover.runtime;

import io.drover.Bounds;
import io.drover.limit.IdleWait;
import io.drover.store.JobStore;
import io.drover.store.QueuePattern;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * How long a worker pool whose claim came back short waits before claiming again, unless a wake-up
 * comes first.
 *
 * <p>Where the store's wake-ups reach every process and announce delayed jobs' times ({@link
 * JobStore#wakeupsReachEveryProcess()}: PostgreSQL, Redis, memory), nothing is left to poll for but
 * a time coming: the pool waits until the next delayed job of its queues is due ({@link
 * JobStore#nextDue}, kept by a {@link DueWatch}), or until a rate lets a held-back key start, and
 * claims at least every {@link #RECHECK} (or poll interval, if longer) in case a wake-up was lost.
 * An idle worker then costs its store a few commands a minute, not two a second
 * (docs/performance.md, idle cost). Elsewhere (SQLite, whose other processes' writes nobody
 * announces) it claims every poll interval, as {@link IdleWait} says.
 */
final class IdlePacer {
  /** The longest an idle pool waits where wake-ups reach every process. */
  static final Duration RECHECK = Duration.ofSeconds(15);

  private final JobStore store;
  private final List<QueuePattern> queues;
  private final Duration pollInterval;
  private final Duration recheck;
  private final InstantSource clock;
  private final boolean announced;
  private final DueWatch due;
  private volatile Instant waitingUntil = Instant.MIN;

  IdlePacer(JobStore store, WorkerConfig config, InstantSource clock) {
    this.store = store;
    this.queues = config.queues();
    this.pollInterval = config.pollInterval();
    this.recheck = pollInterval.compareTo(RECHECK) > 0 ? pollInterval : RECHECK;
    this.clock = clock;
    this.announced = store.wakeupsReachEveryProcess();
    this.due = new DueWatch(recheck);
  }

  /**
   * A delayed job of the pool's queues is due at {@code at}. True when that is before the end of
   * the wait under way, so the pool must look again now to wait less.
   */
  boolean heardDue(Instant at) {
    return due.heard(at).isBefore(waitingUntil);
  }

  /** Wake-ups may have been lost: the next wait reads the next due time from the store again. */
  void heardMissed() {
    due.missed();
  }

  /** How long to wait now; reads the store when what it knows is stale. */
  Duration next() {
    if (!announced) {
      return IdleWait.after(store, queues, pollInterval, clock);
    }
    Instant now = clock.instant();
    if (due.stale(now)) {
      // A due time passed: its job was claimed just now, or is held (paused, limited); the store
      // answers with the next one after now, so held jobs never make the pool spin.
      due.refresh(now, () -> store.nextDue(queues));
    }
    Instant until = now.plus(IdleWait.after(store, queues, recheck, clock));
    Instant earliest = due.earliest();
    if (earliest != null && earliest.isBefore(until)) {
      until = earliest;
    }
    Duration wait = Duration.between(now, until);
    if (wait.compareTo(Bounds.MIN_POLL_INTERVAL) < 0) {
      wait = Bounds.MIN_POLL_INTERVAL;
    }
    waitingUntil = now.plus(wait);
    return wait;
  }
}
