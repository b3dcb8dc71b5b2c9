package io.drover.runtime;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A latch that can be set many times and is cleared by the waiter. Setting it before the waiter
 * waits is not lost, so a wake-up that races with the waiter's last look never leaves it asleep.
 */
final class Signal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition raised = lock.newCondition();
  private boolean set;

  void raise() {
    lock.lock();
    try {
      set = true;
      raised.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until raised or the timeout passes, then clears. */
  void awaitAndClear(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long nanos = timeout.toNanos();
      while (!set && nanos > 0) {
        nanos = raised.awaitNanos(nanos);
      }
      set = false;
    } finally {
      lock.unlock();
    }
  }
}
