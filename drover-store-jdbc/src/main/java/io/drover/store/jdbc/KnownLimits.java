package io.drover.store.jdbc;

import io.drover.limit.LimitSpec;
import io.drover.store.QueuePattern;
import java.util.ArrayList;
import java.util.List;

/**
 * The limits as a process last read them, with the version of {@code limit_version} they were read
 * at: claims decide from it whether a request may touch a governed queue, and a claim that finds
 * the version moved reads them again.
 *
 * @param specs sorted by name, as {@code list_limits} returns them
 */
record KnownLimits(long version, List<LimitSpec> specs) {
  KnownLimits {
    specs = List.copyOf(specs);
  }

  /**
   * The limits that cap or make fair a queue that {@code queues} may match, by name: a claim of
   * those queues goes the limited way when there is any.
   */
  List<LimitSpec> over(List<QueuePattern> queues) {
    List<LimitSpec> over = new ArrayList<>();
    for (LimitSpec spec : specs) {
      if ((spec.caps() || spec.fair()) && spec.mayGovernAny(queues)) {
        over.add(spec);
      }
    }
    return over;
  }

  /** Whether a fair limit may govern a queue that {@code queues} may match. */
  boolean mayMakeFair(List<QueuePattern> queues) {
    for (LimitSpec spec : specs) {
      if (spec.fair() && spec.mayGovernAny(queues)) {
        return true;
      }
    }
    return false;
  }

  boolean isFair(String queue) {
    for (LimitSpec spec : specs) {
      if (spec.fair() && spec.matchesQueue(queue)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a job of {@code kind} in {@code queue} holds a slot of a concurrency cap while active,
   * so its end should wake the queue.
   */
  boolean holdsSlot(String queue, String kind) {
    for (LimitSpec spec : specs) {
      if (spec.capsConcurrency() && spec.governs(queue, kind)) {
        return true;
      }
    }
    return false;
  }
}
