package io.drover.store.memory;

import io.drover.limit.LimitSpec;
import io.drover.store.QueuePattern;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The memory store's limits and what each counts. Active jobs are counted as they enter and leave
 * the active state ({@link JobTable}), so every way an attempt ends frees its slot; rates are
 * charged at claim. Not thread-safe; the store's lock guards it.
 */
final class LimitBook {
  private final Map<String, LimitState> limits = new TreeMap<>();
  private final Set<String> freed = new HashSet<>();

  /** True when no limit caps anything, so claims need not ask. */
  boolean capsNothing() {
    for (LimitState limit : limits.values()) {
      if (limit.spec.caps()) {
        return false;
      }
    }
    return true;
  }

  boolean isFair(String queue) {
    for (LimitState limit : limits.values()) {
      if (limit.spec.fair() && limit.spec.matchesQueue(queue)) {
        return true;
      }
    }
    return false;
  }

  /** Stores the limit, counting the governed jobs among {@code active} afresh. */
  void save(LimitSpec spec, Iterable<StoredJob> active) {
    LimitState state = new LimitState(spec);
    for (StoredJob job : active) {
      if (governs(spec, job)) {
        state.started(job.rateKey());
      }
    }
    limits.put(spec.name(), state);
  }

  void delete(String name) {
    limits.remove(name);
  }

  Optional<LimitState> state(String name) {
    return Optional.ofNullable(limits.get(name));
  }

  List<LimitSpec> specs() {
    return limits.values().stream().map(state -> state.spec).toList();
  }

  void started(StoredJob job) {
    for (LimitState limit : limits.values()) {
      if (governs(limit.spec, job)) {
        limit.started(job.rateKey());
      }
    }
  }

  void stopped(StoredJob job) {
    for (LimitState limit : limits.values()) {
      if (governs(limit.spec, job)) {
        limit.stopped(job.rateKey());
        if (limit.spec.capsConcurrency()) {
          freed.add(job.queue());
        }
      }
    }
  }

  /** The queues where a capped slot was freed since the last call: to wake. */
  Set<String> takeFreed() {
    if (freed.isEmpty()) {
      return Set.of();
    }
    Set<String> taken = Set.copyOf(freed);
    freed.clear();
    return taken;
  }

  /**
   * The earliest time after {@code nowMicros}, in microseconds, at which a rate of a limit matching
   * one of {@code queues} lets a key it holds back start; {@link Long#MAX_VALUE} for none.
   */
  long nextRateOpening(List<QueuePattern> queues, long nowMicros) {
    long earliest = Long.MAX_VALUE;
    for (LimitState limit : limits.values()) {
      if (limit.spec.rate() != null && limit.spec.mayGovernAny(queues)) {
        earliest = Math.min(earliest, limit.nextRateOpening(nowMicros));
      }
    }
    return earliest;
  }

  /** Whether every limit governing the job lets it start at {@code nowMicros}. */
  boolean admits(StoredJob job, long nowMicros) {
    for (LimitState limit : limits.values()) {
      if (governs(limit.spec, job) && !limit.admits(job.rateKey(), nowMicros)) {
        return false;
      }
    }
    return true;
  }

  /** Records the job's start against each limit governing it. */
  void charge(StoredJob job, long nowMicros) {
    for (LimitState limit : limits.values()) {
      if (governs(limit.spec, job)) {
        limit.charge(job.rateKey(), nowMicros);
      }
    }
  }

  /** A limit that only makes queues fair counts nothing. */
  private static boolean governs(LimitSpec spec, StoredJob job) {
    return spec.caps() && spec.governs(job.queue(), job.spec.kind());
  }
}
