package io.drover.server.health;

import java.util.Map;

/**
 * What one check found.
 *
 * @param message one line for people, e.g. "2 of 3 workers have stale heartbeats"
 * @param details numbers for machines, shown with {@code ?verbose=true}; values are strings,
 *     numbers, booleans, lists and maps
 */
public record HealthResult(HealthStatus status, String message, Map<String, Object> details) {
  public HealthResult {
    details = Map.copyOf(details);
  }

  public static HealthResult ok(String message, Map<String, Object> details) {
    return new HealthResult(HealthStatus.OK, message, details);
  }
}
