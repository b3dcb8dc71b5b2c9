package io.drover.limit;

import java.time.Duration;

/**
 * How a limit's recent starts are counted: over its window — its rate's period, else a minute — in
 * {@value #BUCKETS} buckets of equal width, so a store keeps a few counters per limit rather than a
 * time per start. The count read at a time covers the bucket under way and the {@value #BUCKETS}
 * minus one before it: between 59/60 of the window and the whole window.
 *
 * @param bucketMillis the width of a bucket, in milliseconds (at least 1)
 */
public record StartWindow(long bucketMillis) {
  public static final int BUCKETS = 60;

  /** The window of a limit without a rate. */
  public static final Duration DEFAULT = Duration.ofMinutes(1);

  public StartWindow {
    if (bucketMillis < 1) {
      throw new IllegalArgumentException("bucketMillis must be at least 1, was " + bucketMillis);
    }
  }

  public static StartWindow of(LimitSpec limit) {
    return new StartWindow(Math.max(1, windowOf(limit).toMillis() / BUCKETS));
  }

  /** The window a limit's recent starts are counted over: its rate's period, else a minute. */
  public static Duration windowOf(LimitSpec limit) {
    return limit.rate() == null ? DEFAULT : limit.rate().per();
  }

  /** The bucket a start at {@code millis} (epoch milliseconds) is counted in. */
  public long bucket(long millis) {
    return Math.floorDiv(millis, bucketMillis);
  }

  /** The earliest bucket a count read at {@code millis} includes. */
  public long firstCounted(long millis) {
    return bucket(millis) - (BUCKETS - 1);
  }

  /** When a bucket stops being counted, in epoch milliseconds: a store may forget it then. */
  public long expiresAt(long bucket) {
    return (bucket + BUCKETS) * bucketMillis;
  }
}
