package io.drover.store;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process wake-up signals, for stores whose writers all live in this process (memory, SQLite)
 * and as the local fan-out of stores with a server-side channel. Listeners are called on the thread
 * that made jobs claimable, after its change is visible.
 */
public final class LocalWakeups {
  private static final Logger log = LoggerFactory.getLogger(LocalWakeups.class);

  private final List<WakeupListener> listeners = new CopyOnWriteArrayList<>();

  public Subscription subscribe(WakeupListener listener) {
    // A fresh object per subscription, so closing one never removes another of the same listener.
    WakeupListener registration = listener::jobsAvailable;
    listeners.add(registration);
    return () -> listeners.remove(registration);
  }

  /** Tells every listener about each queue; a listener that throws never fails the caller. */
  public void signal(Collection<String> queues) {
    for (String queue : queues) {
      for (WakeupListener listener : listeners) {
        try {
          listener.jobsAvailable(queue);
        } catch (RuntimeException e) {
          log.warn("store: wakeup listener failed queue={}", queue, e);
        }
      }
    }
  }

  public void clear() {
    listeners.clear();
  }
}
