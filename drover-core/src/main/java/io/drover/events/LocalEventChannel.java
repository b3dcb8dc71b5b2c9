package io.drover.events;

import io.drover.store.Listeners;
import io.drover.store.Subscription;
import java.util.List;

/**
 * Events within this process: for stores whose writers all live here (memory, SQLite), and as the
 * local fan-out of channels that receive from a server. Listeners run on the publishing thread.
 */
public final class LocalEventChannel implements EventChannel {
  private final Listeners<JobEventListener> listeners = new Listeners<>("events: listener");

  @Override
  public void publish(List<JobEvent> events) {
    for (JobEvent event : events) {
      listeners.forEach(listener -> listener.onEvent(event));
    }
  }

  @Override
  public Subscription subscribe(JobEventListener listener) {
    return listeners.add(listener);
  }

  @Override
  public boolean mayHaveListeners() {
    return !listeners.isEmpty();
  }

  @Override
  public void close() {
    listeners.clear();
  }
}
