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
    JobTable table = store.table();
    Set<String> woken = new LinkedHashSet<>();
    boolean created =
        store.locked(
            () -> {
              Optional<LimitSpec> was = table.limits.state(limit.name()).map(state -> state.spec);
              boolean made = table.limits.save(limit, table.active());
              table.refreshFairness();
              woken.addAll(table.queueNames(limit::matchesQueue));
              was.ifPresent(old -> woken.addAll(table.queueNames(old::matchesQueue)));
              return made;
            });
    store.wake(woken);
    return created;
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
    JobTable table = store.table();
    Set<String> woken = new LinkedHashSet<>();
    boolean deleted =
        store.locked(
            () -> {
              Optional<LimitSpec> was = table.limits.state(name).map(state -> state.spec);
              was.ifPresent(
                  old -> {
                    table.limits.delete(name);
                    table.refreshFairness();
                    woken.addAll(table.queueNames(old::matchesQueue));
                  });
              return was.isPresent();
            });
    store.wake(woken);
    return deleted;
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
                        state.nextStartMicros(key) - spec.rate().toleranceMicros(),
                        ChronoUnit.MICROS)
                    : null;
            held.add(new HeldKey(key, state.active(key), tally.count(), tally.oldest(), nextStart));
          }
        });
    return new LimitStatus(spec, state.active(), held);
  }
}
