package io.drover.limit;

import io.drover.Bounds;
import io.drover.InvalidJobException;
import java.time.Duration;

/**
 * At most {@code limit} starts per {@code per} for each key, with up to {@code burst} of them at
 * once. Stores enforce it as a generic cell rate (GCRA): starts are spaced {@link #spacingMicros()}
 * apart, and a key that was idle may start {@code burst} at once. With the default burst of 1 no
 * window of length {@code per} ever holds more than {@code limit} starts; with a burst of B, at
 * most {@code limit + B - 1}.
 *
 * @param limit starts per window, 1 to {@value #MAX_LIMIT}
 * @param per the window, 1 ms to 1 day
 * @param burst starts a rested key may make at once, 1 to {@code limit}
 */
public record Rate(int limit, Duration per, int burst) {
  public static final int MAX_LIMIT = 1_000_000;
  public static final Duration MIN_WINDOW = Duration.ofMillis(1);
  public static final Duration MAX_WINDOW = Duration.ofDays(1);

  public Rate {
    Bounds.check("rate.limit", limit, 1, MAX_LIMIT);
    Bounds.check("rate.per", per, MIN_WINDOW, MAX_WINDOW);
    if (burst < 1 || burst > limit) {
      throw new InvalidJobException(
          "rate.burst", "must be from 1 to rate.limit (" + limit + ") (was " + burst + ")");
    }
  }

  /** {@code limit} starts per {@code per}, one at a time. */
  public static Rate of(int limit, Duration per) {
    return new Rate(limit, per, 1);
  }

  /**
   * The least time between two starts of a key, in microseconds, rounded up: so that {@code limit}
   * starts never fit in less than {@code per}.
   */
  public long spacingMicros() {
    long perMicros = per.toNanos() / 1_000;
    return (perMicros + limit - 1) / limit;
  }

  /** How far ahead of now a key's next allowed start may lie while it may still start now. */
  public long toleranceMicros() {
    return (burst - 1) * spacingMicros();
  }

  /**
   * Whether the rate keeps a key from starting at {@code nowMicros}.
   *
   * @param nextStartMicros the key's theoretical arrival time, or null for a key never started (or
   *     rested long enough to be forgotten)
   */
  public boolean holds(Long nextStartMicros, long nowMicros) {
    return nextStartMicros != null && opensAt(nextStartMicros) > nowMicros;
  }

  /** When a key whose theoretical arrival time is {@code nextStartMicros} may start. */
  public long opensAt(long nextStartMicros) {
    return nextStartMicros - toleranceMicros();
  }

  /** The key's theoretical arrival time after a start at {@code nowMicros}. */
  public long afterStart(Long nextStartMicros, long nowMicros) {
    long from = nextStartMicros == null ? nowMicros : Math.max(nextStartMicros, nowMicros);
    return from + spacingMicros();
  }
}
