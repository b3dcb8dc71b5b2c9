package io.drover.store;

import java.time.Instant;
import java.util.List;

/**
 * A worker process (or in-process pool) as the registry knows it.
 *
 * @param running jobs it was running at its last heartbeat
 * @param lastHeartbeat when it last reported; workers silent for long are stale
 */
public record WorkerInfo(
    String id,
    String host,
    List<String> queues,
    int concurrency,
    int running,
    Instant startedAt,
    Instant lastHeartbeat) {
  public WorkerInfo {
    queues = List.copyOf(queues);
  }
}
