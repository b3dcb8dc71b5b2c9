package io.drover.events;

import io.drover.store.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events within this process: for stores whose writers all live here (memory, SQLite), and as the
 * local fan-out of channels that receive from a server. Listeners run on the publishing thread.
 */
public final class LocalEventChannel implements EventChannel {
  private static final Logger log = LoggerFactory.getLogger(LocalEventChannel.class);

  private final List<JobEventListener> listeners = new CopyOnWriteArrayList<>();

  @Override
  public void publish(List<JobEvent> events) {
    for (JobEvent event : events) {
      for (JobEventListener listener : listeners) {
        try {
          listener.onEvent(event);
        } catch (RuntimeException e) {
          log.warn("events: listener failed job_id={}", event.jobId(), e);
        }
      }
    }
  }

  @Override
  public Subscription subscribe(JobEventListener listener) {
    // A fresh object per subscription, so closing one never removes another of the same listener.
    JobEventListener registration = listener::onEvent;
    listeners.add(registration);
    return () -> listeners.remove(registration);
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
