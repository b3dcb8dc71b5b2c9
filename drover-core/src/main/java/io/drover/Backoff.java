package io.drover;

import java.time.Duration;

/**
 * Exponential backoff with full jitter: the delay before attempt {@code n+1} is uniform in {@code
 * [0, min(max, base * 2^(n-1))]}.
 *
 * <p>A backoff itself only needs {@code 0 <= base <= max}, so jobs stored before today's bounds
 * still read back; {@link JobSpec} and {@link JobDefaults} hold new ones to {@link
 * Bounds#MAX_RETRY_DELAY}. {@link #ceiling} saturates instead of overflowing for any backoff.
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
   * The ceiling of the delay after the given failed attempt (1-based), before jitter, in whole
   * milliseconds: {@code base} doubled per attempt, never past {@code max}, never overflowing.
   *
   * @param attempt the attempt that just failed; anything below 1 counts as 1
   */
  public Duration ceiling(int attempt) {
    // Past 62 doublings even 1 ms is beyond any long, so larger shifts change nothing.
    int shift = Math.min(Math.max(attempt, 1) - 1, 62);
    long baseMillis = Bounds.millis(base);
    long grown = baseMillis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseMillis << shift;
    return Duration.ofMillis(Math.min(grown, Bounds.millis(max)));
  }
}
