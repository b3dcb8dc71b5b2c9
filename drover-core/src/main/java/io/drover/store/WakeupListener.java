package io.drover.store;

import java.time.Instant;

/** Told that jobs may have become claimable in a queue. Must return quickly and never block. */
@FunctionalInterface
public interface WakeupListener {
  void jobsAvailable(String queue);

  /**
   * Told that a job of {@code queue} waits for its time, due at {@code at} (a delayed enqueue, a
   * retry): nothing will announce that time coming, so a listener that sleeps long must know it.
   */
  default void jobsDue(String queue, Instant at) {}

  /**
   * Told that a step of a run started a wait that ends at {@code at} (a timer, a signal's timeout),
   * which the maintenance must fire then.
   */
  default void waitDue(Instant at) {}

  /**
   * Told that wake-ups may have been lost (the store's channel was down and is back): whatever a
   * listener waits for may have happened meanwhile.
   */
  default void wakeupsMissed() {}
}
