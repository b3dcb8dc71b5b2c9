package io.drover.server.health;

/**
 * One component of {@code /health/comprehensive}. The server has checks for the store, the worker
 * registry, the queues and memory; others plug in here, e.g. a store that can say whether it
 * persists data, or the scheduler.
 *
 * <p>A check should answer within a second or two. One that throws or takes longer than the
 * report's deadline is reported {@link HealthStatus#DEGRADED} (or {@link HealthStatus#DOWN} if it
 * is {@link #critical()}).
 */
public interface HealthCheck {
  /** The component's name in the report, e.g. {@code store}. */
  String name();

  HealthResult check();

  /** True when the server cannot work without this component, so its failure means down. */
  default boolean critical() {
    return false;
  }
}
