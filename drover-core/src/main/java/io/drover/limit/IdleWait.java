package io.drover.limit;

import io.drover.Bounds;
import io.drover.store.JobStore;
import io.drover.store.QueuePattern;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * How long a worker whose claim came back short waits before claiming again: its poll interval, or
 * less when a rate lets a held-back key start sooner, since no wake-up announces that. A wait is
 * never below {@link Bounds#MIN_POLL_INTERVAL}, so clocks that disagree cannot make a busy loop.
 */
public final class IdleWait {
  private IdleWait() {}

  public static Duration after(
      JobStore store, List<QueuePattern> queues, Duration pollInterval, InstantSource clock) {
    if (!store.supportsLimits()) {
      return pollInterval;
    }
    Optional<Instant> opens = store.limits().nextStart(queues);
    if (opens.isEmpty()) {
      return pollInterval;
    }
    Duration until = Duration.between(clock.instant(), opens.get());
    if (until.compareTo(pollInterval) >= 0) {
      return pollInterval;
    }
    return until.compareTo(Bounds.MIN_POLL_INTERVAL) < 0 ? Bounds.MIN_POLL_INTERVAL : until;
  }
}
