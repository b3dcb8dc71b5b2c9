package io.drover.store.memory;

import io.drover.limit.LimitSpec;
import io.drover.limit.StartWindow;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One limit as the memory store enforces it: its governed jobs running now, per key and in all, and
 * for a rate each key's next allowed start (GCRA's theoretical arrival time, in microseconds), and
 * its recent starts. Not thread-safe; the store's lock guards it.
 */
final class LimitState {
  private static final int MIN_PRUNE_SIZE = 1_024;

  final LimitSpec spec;
  private final Map<String, Long> activeByKey = new HashMap<>();
  private final Map<String, Long> nextStartMicros = new HashMap<>();
  private final StartTally starts;
  private long active;
  private int pruneAt = MIN_PRUNE_SIZE;

  LimitState(LimitSpec spec) {
    this.spec = spec;
    this.starts = new StartTally(StartWindow.of(spec));
  }

  void started(String key) {
    activeByKey.merge(key, 1L, Long::sum);
    active++;
  }

  void stopped(String key) {
    if (activeByKey.merge(key, -1L, Long::sum) <= 0) {
      activeByKey.remove(key);
    }
    active--;
  }

  long active() {
    return active;
  }

  long active(String key) {
    return activeByKey.getOrDefault(key, 0L);
  }

  /** Whether a governed job of {@code key} may start at {@code nowMicros}. */
  boolean admits(String key, long nowMicros) {
    return spec.admits(active, active(key), nextStartMicros.get(key), nowMicros);
  }

  /** Whether the rate keeps {@code key} from starting at {@code nowMicros}. */
  boolean rateHolds(String key, long nowMicros) {
    return spec.rate() != null && spec.rate().holds(nextStartMicros.get(key), nowMicros);
  }

  /** The key's next allowed start, in microseconds, or null if it may start any time. */
  Long nextStartMicros(String key) {
    return nextStartMicros.get(key);
  }

  /**
   * The earliest time after {@code nowMicros} at which the rate lets a key it holds back start, in
   * microseconds, or {@link Long#MAX_VALUE} when it holds none.
   */
  long nextRateOpening(long nowMicros) {
    long earliest = Long.MAX_VALUE;
    if (spec.rate() != null) {
      for (long next : nextStartMicros.values()) {
        long opens = spec.rate().opensAt(next);
        if (opens > nowMicros && opens < earliest) {
          earliest = opens;
        }
      }
    }
    return earliest;
  }

  /** Governed jobs started within the limit's window, at {@code nowMillis}. */
  long recentStarts(long nowMillis) {
    return starts.recent(nowMillis);
  }

  /**
   * Records a start of {@code key} at {@code nowMicros}: among the recent ones, and by the rate.
   */
  void charge(String key, long nowMicros) {
    starts.count(nowMicros / 1_000);
    if (spec.rate() == null) {
      return;
    }
    nextStartMicros.put(key, spec.rate().afterStart(nextStartMicros.get(key), nowMicros));
    if (nextStartMicros.size() >= pruneAt) {
      prune(nowMicros);
    }
  }

  /** Keys whose next start has passed carry nothing; dropping them bounds the map by busy keys. */
  private void prune(long nowMicros) {
    for (Iterator<Long> next = nextStartMicros.values().iterator(); next.hasNext(); ) {
      if (next.next() <= nowMicros) {
        next.remove();
      }
    }
    pruneAt = Math.max(MIN_PRUNE_SIZE, 2 * nextStartMicros.size());
  }
}
