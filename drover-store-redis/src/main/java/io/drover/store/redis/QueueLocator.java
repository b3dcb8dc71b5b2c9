package io.drover.store.redis;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Finds the queue of a job known only by id, which every key of the job depends on. The {@link
 * IdIndex} answers for any job; the jobs this process claimed are remembered, so that acknowledging
 * them, the hot path, costs no lookup. A job never changes queue, so what is remembered stays true.
 */
final class QueueLocator {
  /** Remembered ids at most; the oldest are forgotten first and looked up again if needed. */
  private static final int REMEMBERED = 50_000;

  private final IdIndex index;

  @SuppressWarnings("serial")
  private final Map<UUID, String> remembered = // guarded by itself
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
          return size() > REMEMBERED;
        }
      };

  QueueLocator(IdIndex index) {
    this.index = index;
  }

  void remember(UUID id, String queue) {
    synchronized (remembered) {
      remembered.put(id, queue);
    }
  }

  void forget(Collection<UUID> ids) {
    synchronized (remembered) {
      remembered.keySet().removeAll(ids);
    }
  }

  /** The queue of each id that has a job; ids without one are left out. */
  Map<UUID, String> locate(Collection<UUID> ids) {
    Map<UUID, String> found = new HashMap<>();
    List<UUID> unknown;
    synchronized (remembered) {
      for (UUID id : ids) {
        String queue = remembered.get(id);
        if (queue != null) {
          found.put(id, queue);
        }
      }
      unknown = ids.stream().filter(id -> !found.containsKey(id)).toList();
    }
    if (!unknown.isEmpty()) {
      found.putAll(index.queues(unknown));
    }
    return found;
  }
}
