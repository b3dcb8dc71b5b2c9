package io.drover.server.health;

import java.util.Locale;

/** How a component, or the whole server, is doing; declared from best to worst. */
public enum HealthStatus {
  /** Working as it should. */
  OK,
  /** Working, but something needs a look: jobs pile up, no worker is alive, memory is short. */
  DEGRADED,
  /** Not working: the server cannot serve its purpose (the store does not answer). */
  DOWN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public HealthStatus worse(HealthStatus other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
