package io.drover.schedule;

import io.drover.InvalidJobException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Fires every {@code period} from {@code anchor}: at anchor, anchor + period, … Instants, not wall
 * clock, so the period holds across daylight-saving transitions.
 */
public record IntervalTrigger(Duration period, Instant anchor, ZoneId zone) implements Trigger {
  public static final Duration MIN_PERIOD = Duration.ofSeconds(1);

  public IntervalTrigger {
    if (period == null || period.compareTo(MIN_PERIOD) < 0) {
      throw new InvalidJobException("every", "must be at least 1s (was " + period + ")");
    }
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
