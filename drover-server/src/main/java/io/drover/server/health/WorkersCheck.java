package io.drover.server.health;

import io.drover.store.JobStore;
import io.drover.store.WorkerInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * The worker registry: how many pools are registered on the store, from every process, and which
 * have gone quiet. A worker is stale when its last heartbeat is older than {@value #STALE_BEATS}
 * heartbeat intervals (this server's interval; a pool that crashed stays listed until it is
 * removed). No live worker at all means jobs wait: degraded.
 */
public final class WorkersCheck implements HealthCheck {
  static final int STALE_BEATS = 3;

  private final JobStore store;
  private final Duration staleAfter;
  private final InstantSource clock;

  public WorkersCheck(JobStore store, Duration heartbeatInterval, InstantSource clock) {
    this.store = store;
    this.staleAfter = heartbeatInterval.multipliedBy(STALE_BEATS);
    this.clock = clock;
  }

  @Override
  public String name() {
    return "workers";
  }

  /** True when the worker has not beaten for longer than three heartbeat intervals. */
  public boolean isStale(WorkerInfo worker, Instant now) {
    return worker.lastHeartbeat().plus(staleAfter).isBefore(now);
  }

  @Override
  public HealthResult check() {
    Instant now = clock.instant();
    List<WorkerInfo> workers = store.workers();
    List<String> stale =
        workers.stream().filter(worker -> isStale(worker, now)).map(WorkerInfo::id).toList();
    int live = workers.size() - stale.size();
    Map<String, Object> details =
        Map.of(
            "count", workers.size(),
            "live", live,
            "stale", stale.size(),
            "stale_ids", stale,
            "stale_after_ms", staleAfter.toMillis());
    String message =
        live + " live worker" + (live == 1 ? "" : "s") + ", " + stale.size() + " stale";
    return live == 0
        ? new HealthResult(HealthStatus.DEGRADED, message + ": no job will run", details)
        : HealthResult.ok(message, details);
  }
}
