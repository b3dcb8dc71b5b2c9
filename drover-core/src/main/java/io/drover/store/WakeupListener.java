package io.drover.store;

/** Told that jobs may have become claimable in a queue. Must return quickly and never block. */
@FunctionalInterface
public interface WakeupListener {
  void jobsAvailable(String queue);
}
