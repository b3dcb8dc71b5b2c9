package io.drover.server.health;

import io.drover.JobState;
import io.drover.store.JobStore;
import io.drover.store.QueueStats;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backlog and wait per queue against the thresholds: a queue with more waiting jobs than {@code
 * backlogWarn}, or whose oldest due job has waited longer than {@code oldestAgeWarn}, makes the
 * report degraded. Paused queues are listed but never warn: their backlog is on purpose.
 */
public final class QueuesCheck implements HealthCheck {
  private final JobStore store;
  private final int backlogWarn;
  private final Duration oldestAgeWarn;
  private final InstantSource clock;

  public QueuesCheck(JobStore store, int backlogWarn, Duration oldestAgeWarn, InstantSource clock) {
    this.store = store;
    this.backlogWarn = backlogWarn;
    this.oldestAgeWarn = oldestAgeWarn;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "queues";
  }

  @Override
  public HealthResult check() {
    Instant now = clock.instant();
    List<Map<String, Object>> queues = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (QueueStats stats : store.stats()) {
      long waiting = stats.count(JobState.WAITING);
      Long ageMs =
          stats.oldestWaitingSince() == null
              ? null
              : Math.max(0, Duration.between(stats.oldestWaitingSince(), now).toMillis());
      Map<String, Object> queue = new LinkedHashMap<>();
      queue.put("queue", stats.queue());
      queue.put("paused", stats.paused());
      queue.put("waiting", waiting);
      queue.put("oldest_waiting_age_ms", ageMs);
      queues.add(queue);
      if (stats.paused()) {
        continue;
      }
      if (waiting > backlogWarn) {
        warnings.add(
            stats.queue() + " has " + waiting + " waiting (warn above " + backlogWarn + ")");
      }
      if (ageMs != null && ageMs > oldestAgeWarn.toMillis()) {
        warnings.add(
            stats.queue()
                + "'s oldest job has waited "
                + ageMs / 1000
                + " s (warn above "
                + oldestAgeWarn.toSeconds()
                + " s)");
      }
    }
    Map<String, Object> details =
        Map.of(
            "backlog_warn", backlogWarn,
            "oldest_age_warn_ms", oldestAgeWarn.toMillis(),
            "queues", queues);
    return warnings.isEmpty()
        ? HealthResult.ok(
            queues.size() + (queues.size() == 1 ? " queue" : " queues") + " within thresholds",
            details)
        : new HealthResult(HealthStatus.DEGRADED, String.join("; ", warnings), details);
  }
}
