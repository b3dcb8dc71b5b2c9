package io.drover.server.health;

import io.drover.StoreFailureException;
import io.drover.runtime.OutageLog;
import io.drover.store.JobStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;

/**
 * Whether the store answers, and how fast: one primary-key read of a job that does not exist, the
 * cheapest call every store has. Also the whole of {@code /health/ready}. A store that does not
 * answer is down, unless producers' jobs go to a spool meanwhile: then the server still does its
 * job for them, so it is degraded (and stays in a load balancer's rotation to take them).
 */
public final class StoreCheck implements HealthCheck {
  /** Slower than this and the store is reported degraded. */
  static final Duration SLOW = Duration.ofSeconds(1);

  private static final UUID PROBE = new UUID(0, 0);

  private final JobStore store;
  private final OutageLog outages = new OutageLog("health: store check", InstantSource.system());
  private final boolean spooling;

  /**
   * @param spooling whether enqueues go to a spool while the store is unreachable
   */
  public StoreCheck(JobStore store, boolean spooling) {
    this.store = store;
    this.spooling = spooling;
  }

  @Override
  public String name() {
    return "store";
  }

  @Override
  public boolean critical() {
    return true;
  }

  @Override
  public HealthResult check() {
    long started = System.nanoTime();
    try {
      store.get(PROBE);
    } catch (RuntimeException e) {
      // Health bodies may reach anyone who can see readiness: the log keeps where and why, once
      // per outage however often the load balancer asks.
      outages.failed(e);
      return new HealthResult(
          spooling ? HealthStatus.DEGRADED : HealthStatus.DOWN,
          store.name()
              + (e instanceof StoreFailureException ? " failed" : " does not answer")
              + (spooling ? " (enqueues go to the spool)" : ""),
          Map.of("driver", store.name(), "reachable", false));
    }
    outages.succeeded();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Map<String, Object> details =
        Map.of("driver", store.name(), "reachable", true, "latency_ms", took.toMillis());
    return took.compareTo(SLOW) > 0
        ? new HealthResult(
            HealthStatus.DEGRADED,
            store.name() + " answers slowly (" + took.toMillis() + " ms)",
            details)
        : HealthResult.ok(store.name() + " answers in " + took.toMillis() + " ms", details);
  }
}
