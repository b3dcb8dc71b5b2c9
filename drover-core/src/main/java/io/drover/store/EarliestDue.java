package io.drover.store;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The earliest time per queue among the jobs a change left waiting for their time, gathered so that
 * the change announces one {@link WakeupMessage#due} per queue however many jobs it made.
 */
public final class EarliestDue {
  private final Map<String, Instant> byQueue = new HashMap<>();

  public void add(String queue, Instant at) {
    byQueue.merge(queue, at, (known, added) -> added.isBefore(known) ? added : known);
  }

  public boolean isEmpty() {
    return byQueue.isEmpty();
  }

  public void clear() {
    byQueue.clear();
  }

  /** Adds one message per queue to {@code messages}. */
  public void addTo(Collection<String> messages) {
    byQueue.forEach((queue, at) -> messages.add(WakeupMessage.due(queue, at)));
  }
}
