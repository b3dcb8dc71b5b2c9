package io.drover.server.health;

import io.drover.store.JobStore;
import io.drover.store.redis.PersistenceInfo;
import io.drover.store.redis.RedisJobStore;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the Redis a server uses keeps its data on disk: one with {@code appendonly no} loses
 * every job on restart, which health should say out loud (degraded, not down: it still works).
 */
public final class PersistenceCheck implements HealthCheck {
  private final RedisJobStore store;

  private PersistenceCheck(RedisJobStore store) {
    this.store = store;
  }

  /** The checks a store brings beyond the common ones: for Redis, this one. */
  public static List<HealthCheck> forStore(JobStore store) {
    return store instanceof RedisJobStore redis ? List.of(new PersistenceCheck(redis)) : List.of();
  }

  @Override
  public String name() {
    return "persistence";
  }

  @Override
  public HealthResult check() {
    PersistenceInfo info = store.persistenceInfo();
    Map<String, Object> details =
        Map.of("appendonly", info.appendOnly().name().toLowerCase(Locale.ROOT));
    return switch (info.appendOnly()) {
      case YES -> HealthResult.ok("Redis appends every write to disk", details);
      case NO ->
          new HealthResult(
              HealthStatus.DEGRADED,
              "Redis keeps nothing on disk (appendonly no): a Redis restart loses every job",
              details);
      case UNKNOWN ->
          new HealthResult(
              HealthStatus.DEGRADED,
              "Redis persistence could not be checked: " + info.detail(),
              details);
    };
  }
}
