package io.drover;

import java.time.Duration;

/**
 * Exponential backoff with full jitter: the delay before attempt {@code n+1} is uniform in {@code
 * [0, min(max, base * 2^(n-1))]}.
 *
 * @param base the ceiling of the first delay. Default: 5 s.
 * @param max the cap on every delay. Default: 60 s.
 */
public record Backoff(Duration base, Duration max) {
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60));

  public Backoff {
    if (base == null || base.isNegative()) {
      throw new InvalidJobException("backoff.base", "must be zero or positive (was " + base + ")");
    }
    if (max == null || max.compareTo(base) < 0) {
      throw new InvalidJobException(
          "backoff.max", "must be at least backoff.base (was " + max + ", base " + base + ")");
    }
  }

  /**
   * The ceiling of the delay after the given failed attempt (1-based), before jitter.
   *
   * @param attempt the attempt that just failed, at least 1
   */
  public Duration ceiling(int attempt) {
    int shift = Math.min(Math.max(attempt, 1) - 1, 30);
    long baseMillis = base.toMillis();
    long grown = baseMillis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseMillis << shift;
    return Duration.ofMillis(Math.min(grown, max.toMillis()));
  }
}
