package io.drover.store.memory;

import io.drover.store.Subscription;
import io.drover.store.WakeupListener;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** In-process wake-up signals: listeners are called on the thread that made jobs claimable. */
final class Wakeups {
  private static final Logger log = LoggerFactory.getLogger(Wakeups.class);

  private final List<WakeupListener> listeners = new CopyOnWriteArrayList<>();

  Subscription subscribe(WakeupListener listener) {
    // A fresh object per subscription, so closing one never removes another of the same listener.
    WakeupListener registration = listener::jobsAvailable;
    listeners.add(registration);
    return () -> listeners.remove(registration);
  }

  /** Tells every listener about each queue; a listener that throws never fails the caller. */
  void signal(Collection<String> queues) {
    for (String queue : queues) {
      for (WakeupListener listener : listeners) {
        try {
          listener.jobsAvailable(queue);
        } catch (RuntimeException e) {
          log.warn("memory store: wakeup listener failed queue={}", queue, e);
        }
      }
    }
  }

  void clear() {
    listeners.clear();
  }
}
