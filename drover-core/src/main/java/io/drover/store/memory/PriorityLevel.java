package io.drover.store.memory;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The due jobs of one priority in one queue, a {@link KeyLane} per kind and key. Lanes are ordered
 * by their first job, which is the queue's plain claim order; in a fair queue by when each was last
 * served, so keys take turns. A lane is taken out of the order before any change to it and put back
 * after, since the order reads what changes.
 */
final class PriorityLevel {
  private final Map<String, KeyLane> lanes = new HashMap<>();
  private TreeSet<KeyLane> order = new TreeSet<>(KeyLane.BY_HEAD);
  private long claims;
  private boolean fair;

  void add(StoredJob job) {
    KeyLane lane = lanes.get(job.lane());
    if (lane == null) {
      lane = new KeyLane(job.lane());
      lanes.put(lane.key, lane);
    } else {
      order.remove(lane);
    }
    lane.jobs.add(job);
    order.add(lane);
  }

  /**
   * @return false if the job was not here
   */
  boolean remove(StoredJob job) {
    KeyLane lane = lanes.get(job.lane());
    if (lane == null || !lane.jobs.contains(job)) {
      return false;
    }
    order.remove(lane);
    lane.jobs.remove(job);
    if (lane.jobs.isEmpty()) {
      lanes.remove(lane.key);
    } else {
      order.add(lane);
    }
    return true;
  }

  /** The first job of the first lane whose first job {@code admits} takes, or null. */
  StoredJob next(Predicate<StoredJob> admits) {
    for (KeyLane lane : order) {
      StoredJob head = lane.jobs.first();
      if (admits.test(head)) {
        return head;
      }
    }
    return null;
  }

  StoredJob first() {
    return order.isEmpty() ? null : order.first().jobs.first();
  }

  /** Marks the lane just claimed from as served now, which sends it to the back in a fair queue. */
  void served(String laneName) {
    KeyLane lane = lanes.get(laneName);
    claims++;
    if (lane != null) {
      order.remove(lane);
      lane.servedAt = claims;
      order.add(lane);
    }
  }

  void fair(boolean fair) {
    this.fair = fair;
    TreeSet<KeyLane> reordered = new TreeSet<>(fair ? KeyLane.BY_TURN : KeyLane.BY_HEAD);
    reordered.addAll(lanes.values());
    order = reordered;
  }

  /** The oldest run_at among the level's jobs, or null. */
  Instant oldest() {
    if (!fair) {
      StoredJob first = first();
      return first == null ? null : first.runAt;
    }
    Instant oldest = null;
    for (KeyLane lane : lanes.values()) {
      Instant first = lane.jobs.first().runAt;
      if (oldest == null || first.isBefore(oldest)) {
        oldest = first;
      }
    }
    return oldest;
  }

  /** Each due job that {@code counted} takes, tallied by key into {@code waiting}. */
  void countWaiting(Predicate<StoredJob> counted, Map<String, WaitingTally> waiting) {
    for (KeyLane lane : lanes.values()) {
      for (StoredJob job : lane.jobs) {
        if (counted.test(job)) {
          waiting.computeIfAbsent(job.rateKey(), key -> new WaitingTally()).add(job.runAt);
        }
      }
    }
  }
}
