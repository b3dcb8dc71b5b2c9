package io.drover.retry;

import io.drover.Backoff;
import io.drover.Bounds;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/** When a failed attempt is tried again: exponential backoff with full jitter (DESIGN §2). */
public final class RetryPolicy {
  private RetryPolicy() {}

  /**
   * The delay after a failed attempt: uniform in {@code [0, backoff.ceiling(attempt)]}, to the
   * millisecond. Full jitter spreads retries of jobs that failed together (an outage) so they do
   * not return together.
   */
  public static Duration delay(Backoff backoff, int attempt, RandomGenerator random) {
    long ceiling = backoff.ceiling(attempt).toMillis();
    if (ceiling == 0) {
      return Duration.ZERO;
    }
    // ceiling + 1 would overflow at Long.MAX_VALUE; one millisecond less of range is no loss.
    return Duration.ofMillis(random.nextLong(ceiling == Long.MAX_VALUE ? ceiling : ceiling + 1));
  }

  /**
   * When the next attempt may start, or null when {@code attempt} was the last allowed. Never later
   * than {@link Bounds#LATEST_TIME}, so every store can hold it whatever the backoff (jobs stored
   * before the bounds may carry any).
   */
  public static Instant nextRunAt(
      Backoff backoff, int attempt, int maxAttempts, Instant now, RandomGenerator random) {
    if (attempt >= maxAttempts) {
      return null;
    }
    Instant next = Bounds.plus(now, delay(backoff, attempt, random));
    return next.isAfter(Bounds.LATEST_TIME) ? Bounds.LATEST_TIME : next;
  }
}
