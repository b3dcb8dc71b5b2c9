package io.drover.store;

import java.util.Collection;

/**
 * In-process wake-up signals, for stores whose writers all live in this process (memory, SQLite)
 * and as the local fan-out of stores with a server-side channel. Listeners are called on the thread
 * that made jobs claimable, after its change is visible.
 */
public final class LocalWakeups {
  private final Listeners<WakeupListener> listeners = new Listeners<>("store: wakeup listener");

  public Subscription subscribe(WakeupListener listener) {
    return listeners.add(listener);
  }

  /**
   * Tells every listener about each message, a queue's name or a {@link WakeupMessage#due}; a
   * listener that throws never fails the caller.
   */
  public void signal(Collection<String> messages) {
    for (String message : messages) {
      listeners.forEach(listener -> WakeupMessage.deliver(message, listener));
    }
  }

  /** Tells every listener that wake-ups may have been lost. */
  public void signalMissed() {
    listeners.forEach(WakeupListener::wakeupsMissed);
  }

  public void clear() {
    listeners.clear();
  }
}
