package io.drover.server.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Map;

/**
 * Heap in use against the most the JVM may take. Above {@value #DEGRADED_PERCENT}% the process is
 * close to running out (or to spending its time collecting garbage): degraded.
 */
public final class MemoryCheck implements HealthCheck {
  static final int DEGRADED_PERCENT = 90;

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public HealthResult check() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
    long percent = max == 0 ? 0 : heap.getUsed() * 100 / max;
    Map<String, Object> details =
        Map.of(
            "heap_used_bytes",
            heap.getUsed(),
            "heap_committed_bytes",
            heap.getCommitted(),
            "heap_max_bytes",
            max,
            "heap_used_percent",
            percent);
    String message = "heap " + percent + "% of " + max / (1024 * 1024) + " MiB used";
    return percent > DEGRADED_PERCENT
        ? new HealthResult(HealthStatus.DEGRADED, message, details)
        : HealthResult.ok(message, details);
  }
}
