package io.drover.schedule;

import io.drover.Bounds;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Fires every {@code period} (1 s to 365 days, {@link Bounds}) from {@code anchor}: at anchor,
 * anchor + period, … Instants, not wall clock, so the period holds across daylight-saving
 * transitions.
 */
public record IntervalTrigger(Duration period, Instant anchor, ZoneId zone) implements Trigger {
  public IntervalTrigger {
    Bounds.check("every", period, Bounds.MIN_INTERVAL, Bounds.MAX_INTERVAL);
    // Stores keep milliseconds: a finer anchor would put fires between the ones they record.
    anchor = anchor.truncatedTo(ChronoUnit.MILLIS);
    period = Duration.ofMillis(period.toMillis());
  }

  @Override
  public Instant nextAfter(Instant after) {
    if (after.isBefore(anchor)) {
      return anchor;
    }
    long periods = Duration.between(anchor, after).toMillis() / period.toMillis() + 1;
    return anchor.plusMillis(periods * period.toMillis());
  }

  @Override
  public String describe() {
    return "every " + period;
  }
}
