package io.drover.server.health;

import io.drover.server.Durations;
import io.drover.spool.SpoolStats;
import io.drover.spool.SpoolingEnqueuer;
import java.util.Map;

/**
 * The producers' spool: degraded while it holds jobs (the store was unreachable and they wait to be
 * forwarded) or while the breaker keeps enqueues off the store; ok when empty. Never down: a
 * spooling server still takes jobs.
 */
public final class SpoolCheck implements HealthCheck {
  private final SpoolingEnqueuer spool;

  public SpoolCheck(SpoolingEnqueuer spool) {
    this.spool = spool;
  }

  @Override
  public String name() {
    return "spool";
  }

  @Override
  public HealthResult check() {
    SpoolStats stats = spool.stats();
    Map<String, Object> details =
        Map.of(
            "depth", stats.depth(),
            "bytes", stats.bytes(),
            "oldest_age_seconds", stats.oldestAge().toSeconds(),
            "spooled_total", stats.spooled(),
            "forwarded_total", stats.forwarded(),
            "rejected_total", stats.rejected(),
            "breaker", spool.breakerState(),
            "max_jobs", spool.config().maxJobs());
    if (stats.depth() > 0) {
      return new HealthResult(
          HealthStatus.DEGRADED,
          stats.depth()
              + " job(s) spooled, the oldest for "
              + Durations.format(stats.oldestAge())
              + (stats.storeReachable() ? "; forwarding" : "; the store is unreachable"),
          details);
    }
    if (!stats.storeReachable()) {
      return new HealthResult(
          HealthStatus.DEGRADED, "the store is unreachable; enqueues go to the spool", details);
    }
    return HealthResult.ok("empty", details);
  }
}
