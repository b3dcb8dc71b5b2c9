package io.drover.store.memory;

import io.drover.limit.HeldKey;
import io.drover.limit.LimitSpec;
import io.drover.limit.LimitStatus;
import io.drover.limit.LimitStore;
import io.drover.store.QueuePattern;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The memory store's {@link LimitStore}: each call takes the store's lock and works on the {@link
 * LimitBook} of its {@link JobTable}. Saving or deleting a limit wakes the queues it matches, since
 * jobs it held back may start now.
 */
final class MemoryLimits implements LimitStore {
  private final MemoryJobStore store;

  MemoryLimits(MemoryJobStore store) {
    this.store = store;
  }

  @Override
  public boolean saveLimit(LimitSpec limit) {
    return changing(
        limit.name(),
        limits -> {
          limits.save(limit, store.table().active());
          return limit;
        });
  }

  @Override
  public Optional<LimitSpec> limit(String name) {
    return store.locked(() -> store.table().limits.state(name).map(state -> state.spec));
  }

  @Override
  public List<LimitSpec> limits() {
    return store.locked(() -> store.table().limits.specs());
  }

  @Override
  public boolean deleteLimit(String name) {
    return changing(
        name,
        limits -> {
          limits.delete(name);
          return null;
        });
  }

  /**
   * Replaces the limit of {@code name} by what {@code change} leaves (null for none), then makes
   * queues fair or not as the limits now say and wakes every queue the old or new limit matched:
   * jobs it held back may start now.
   *
   * @return for a save, whether there was no limit of that name; for a delete, whether there was
   */
  private boolean changing(String name, Function<LimitBook, LimitSpec> change) {
    JobTable table = store.table();
    Set<String> woken = new LinkedHashSet<>();
    boolean answer =
        store.locked(
            () -> {
              Optional<LimitSpec> was = table.limits.state(name).map(state -> state.spec);
              LimitSpec now = change.apply(table.limits);
              table.refreshFairness();
              was.ifPresent(old -> woken.addAll(table.queueNames(old::matchesQueue)));
              if (now != null) {
                woken.addAll(table.queueNames(now::matchesQueue));
              }
              return now == null ? was.isPresent() : was.isEmpty();
            });
    store.wake(woken);
    return answer;
  }

  @Override
  public Optional<LimitStatus> limitStatus(String name) {
    return store.locked(
        () -> store.table().limits.state(name).map(state -> status(state, store.now())));
  }

  @Override
  public Optional<Instant> nextStart(List<QueuePattern> queues) {
    return store.locked(
        () -> {
          long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, store.now());
          long opens = store.table().limits.nextRateOpening(queues, nowMicros);
          return opens == Long.MAX_VALUE
              ? Optional.<Instant>empty()
              : Optional.of(Instant.EPOCH.plus(opens, ChronoUnit.MICROS));
        });
  }

  /** The keys at one of the limit's caps that have governed jobs waiting. */
  private LimitStatus status(LimitState state, Instant now) {
    LimitSpec spec = state.spec;
    long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
    Map<String, WaitingTally> waiting =
        store
            .table()
            .waitingByKey(
                spec::matchesQueue, job -> spec.governs(job.queue(), job.spec.kind()), now);
    List<HeldKey> held = new ArrayList<>();
    waiting.forEach(
        (key, tally) -> {
          if (!state.admits(key, nowMicros)) {
            Instant nextStart =
                state.rateHolds(key, nowMicros)
                    ? Instant.EPOCH.plus(
                        spec.rate().opensAt(state.nextStartMicros(key)), ChronoUnit.MICROS)
                    : null;
            held.add(new HeldKey(key, state.active(key), tally.count(), tally.oldest(), nextStart));
          }
        });
    return new LimitStatus(spec, state.active(), state.recentStarts(now.toEpochMilli()), held);
  }
}
