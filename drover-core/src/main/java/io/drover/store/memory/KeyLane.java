package io.drover.store.memory;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * The due jobs of one kind and key within one priority level of a queue, in claim order. Lanes let
 * a claim pass over a key a limit holds back in one step, however many jobs it has waiting.
 */
final class KeyLane {
  /** Plain order: the lane whose first job comes first in claim order. */
  static final Comparator<KeyLane> BY_HEAD =
      (a, b) -> StoredJob.BY_RUN_AT.compare(a.jobs.first(), b.jobs.first());

  /** Fair order: the lane served longest ago, then {@link #BY_HEAD}. */
  static final Comparator<KeyLane> BY_TURN =
      Comparator.<KeyLane>comparingLong(lane -> lane.servedAt).thenComparing(BY_HEAD);

  /** {@link StoredJob#lane()} of its jobs. */
  final String key;

  final TreeSet<StoredJob> jobs = new TreeSet<>(StoredJob.BY_RUN_AT);

  /** When a claim last took from the lane, as a count of the level's claims; 0 for never. */
  long servedAt;

  KeyLane(String key) {
    this.key = key;
  }
}
