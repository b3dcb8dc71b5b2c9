package io.drover.retry;

import io.drover.Backoff;
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
    return Duration.ofMillis(ceiling == 0 ? 0 : random.nextLong(ceiling + 1));
  }

  /** When the next attempt may start, or null when {@code attempt} was the last allowed. */
  public static Instant nextRunAt(
      Backoff backoff, int attempt, int maxAttempts, Instant now, RandomGenerator random) {
    return attempt >= maxAttempts ? null : now.plus(delay(backoff, attempt, random));
  }
}
