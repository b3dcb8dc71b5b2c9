package io.drover.limit;

import io.drover.store.QueuePattern;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The limits of a store that {@link io.drover.store.JobStore#supportsLimits() enforces them}
 * ({@code drover-store-tck}'s {@code LimitContract} defines it). Limits are stored beside the jobs,
 * so every process claiming from the store obeys the same ones, and a change takes effect at the
 * next claim. The store enforces them inside claim, atomically: a claim never starts a job whose
 * key is at a cap, and takes the next job of another key instead; held-back jobs stay waiting with
 * no attempt used. Concurrency slots are the governed jobs that are active, so whatever ends an
 * attempt (complete, fail, release, cancel, a reaped lease) frees its slot.
 */
public interface LimitStore {

  /**
   * Creates the limit, or replaces the one of the same name.
   *
   * @return true if it was created, false if it replaced one
   */
  boolean saveLimit(LimitSpec limit);

  Optional<LimitSpec> limit(String name);

  /** Every limit, sorted by name. */
  List<LimitSpec> limits();

  /**
   * @return false if there was none of that name
   */
  boolean deleteLimit(String name);

  /**
   * What the limit holds back now: each key at one of its caps with its waiting governed jobs, or
   * empty if there is no limit of that name.
   */
  Optional<LimitStatus> limitStatus(String name);

  /**
   * When a rate next lets a key start that it holds back now in a queue {@code queues} match: the
   * earliest such time, or empty when no rate holds a key back there. A worker whose claim came
   * back short waits until then at most, rather than a whole poll interval; a slot freed by a
   * concurrency cap wakes the queue instead, as an enqueue does.
   */
  Optional<Instant> nextStart(List<QueuePattern> queues);
}
