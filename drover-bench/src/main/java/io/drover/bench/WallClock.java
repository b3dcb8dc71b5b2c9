package io.drover.bench;

import java.time.Instant;

/**
 * Wall-clock nanoseconds since the epoch. Unlike {@link System#nanoTime()}, readings from different
 * processes on one machine are comparable, which multi-process runs need; the stores keep times to
 * the millisecond only, too coarse for sub-millisecond latencies.
 */
final class WallClock {
  private WallClock() {}

  static long nanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
