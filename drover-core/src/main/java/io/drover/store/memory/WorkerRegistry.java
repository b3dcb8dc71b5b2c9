package io.drover.store.memory;

import io.drover.store.WorkerInfo;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The memory store's worker registry. Needs no store lock: each call touches one entry. */
final class WorkerRegistry {
  private final NavigableMap<String, WorkerInfo> workers = new ConcurrentSkipListMap<>();

  void register(WorkerInfo worker) {
    workers.put(
        worker.id(),
        new WorkerInfo(
            worker.id(),
            worker.host(),
            worker.queues(),
            worker.concurrency(),
            worker.running(),
            MemoryJobStore.millis(worker.startedAt()),
            MemoryJobStore.millis(worker.lastHeartbeat())));
  }

  /** Records a heartbeat at {@code now}; a worker not registered stays unregistered. */
  void heartbeat(String workerId, int running, Instant now) {
    workers.computeIfPresent(
        workerId,
        (id, w) ->
            new WorkerInfo(id, w.host(), w.queues(), w.concurrency(), running, w.startedAt(), now));
  }

  void remove(String workerId) {
    workers.remove(workerId);
  }

  /** Sorted by id. */
  List<WorkerInfo> list() {
    return List.copyOf(workers.values());
  }
}
