package io.drover.bench;

import java.util.Arrays;

/**
 * Percentiles by nearest rank over a sorted copy of the samples: exact, and a few million longs
 * sort in well under a second, so no histogram is needed.
 */
final class Percentiles {
  private final long[] sorted;

  Percentiles(long[] samples) {
    this.sorted = samples.clone();
    Arrays.sort(sorted);
  }

  /**
   * The smallest sample that at least {@code percent}% of the samples do not exceed; 0 with no
   * samples.
   */
  long at(double percent) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  long max() {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
  }
}
