package io.drover.store.memory;

import io.drover.limit.LimitSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The memory store's limits and what each counts. Active jobs are counted as they enter and leave
 * the active state ({@link JobTable}), so every way an attempt ends frees its slot; rates are
 * charged at claim. Not thread-safe; the store's lock guards it.
 */
final class LimitBook {
  private final Map<String, LimitState> limits = new TreeMap<>();

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

  /**
   * Stores the limit, counting the governed jobs among {@code active} afresh.
   *
   * @return true if created, false if it replaced one
   */
  boolean save(LimitSpec spec, Iterable<StoredJob> active) {
    LimitState state = new LimitState(spec);
    for (StoredJob job : active) {
      if (governs(spec, job)) {
        state.started(job.rateKey());
      }
    }
    return limits.put(spec.name(), state) == null;
  }

  boolean delete(String name) {
    return limits.remove(name) != null;
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
      }
    }
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

  /** Records the job's start against each governing rate. */
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
