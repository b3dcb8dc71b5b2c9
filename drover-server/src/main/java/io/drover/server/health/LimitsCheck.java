package io.drover.server.health;

import io.drover.limit.HeldKey;
import io.drover.limit.LimitSpec;
import io.drover.limit.LimitStatus;
import io.drover.store.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each limit holds back: a limit that has held a key's job back longer than {@code heldWarn}
 * makes the report degraded, since its keys then get less than their work needs (or a slot leaks).
 * Only on a store that enforces limits.
 */
public final class LimitsCheck implements HealthCheck {
  private final JobStore store;
  private final Duration heldWarn;
  private final InstantSource clock;

  public LimitsCheck(JobStore store, Duration heldWarn, InstantSource clock) {
    this.store = store;
    this.heldWarn = heldWarn;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "limits";
  }

  @Override
  public HealthResult check() {
    Instant now = clock.instant();
    List<Map<String, Object>> limits = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (LimitSpec spec : store.limits().limits()) {
      LimitStatus status = store.limits().limitStatus(spec.name()).orElse(null);
      if (status == null) {
        continue; // deleted between the two reads
      }
      long heldBack = 0;
      long longestMs = 0;
      for (HeldKey key : status.held()) {
        heldBack += key.waiting();
        longestMs = Math.max(longestMs, Duration.between(key.oldestDue(), now).toMillis());
      }
      Map<String, Object> limit = new LinkedHashMap<>();
      limit.put("limit", spec.name());
      limit.put("active", status.active());
      limit.put("held_keys", status.held().size());
      limit.put("held_back", heldBack);
      limit.put("longest_held_ms", longestMs);
      limits.add(limit);
      if (longestMs > heldWarn.toMillis()) {
        warnings.add(
            spec.name()
                + " has held a job back "
                + longestMs / 1000
                + " s (warn above "
                + heldWarn.toSeconds()
                + " s)");
      }
    }
    Map<String, Object> details = Map.of("held_warn_ms", heldWarn.toMillis(), "limits", limits);
    return warnings.isEmpty()
        ? HealthResult.ok(
            limits.size() + (limits.size() == 1 ? " limit" : " limits") + " within thresholds",
            details)
        : new HealthResult(HealthStatus.DEGRADED, String.join("; ", warnings), details);
  }
}
