package io.drover.store.memory;

import io.drover.limit.StartWindow;
import java.util.Arrays;

/**
 * A limit's starts per bucket of its window ({@link StartWindow}), in a ring of as many slots as
 * the window has buckets: a slot still holding an older bucket counts as empty. Not thread-safe;
 * the store's lock guards it.
 */
final class StartTally {
  private final StartWindow window;
  private final long[] buckets = new long[StartWindow.BUCKETS];
  private final long[] starts = new long[StartWindow.BUCKETS];

  StartTally(StartWindow window) {
    this.window = window;
    Arrays.fill(buckets, Long.MIN_VALUE);
  }

  void count(long nowMillis) {
    long bucket = window.bucket(nowMillis);
    int slot = (int) Math.floorMod(bucket, (long) StartWindow.BUCKETS);
    if (buckets[slot] != bucket) {
      buckets[slot] = bucket;
      starts[slot] = 0;
    }
    starts[slot]++;
  }

  long recent(long nowMillis) {
    long first = window.firstCounted(nowMillis);
    long last = window.bucket(nowMillis);
    long total = 0;
    for (int slot = 0; slot < StartWindow.BUCKETS; slot++) {
      if (buckets[slot] >= first && buckets[slot] <= last) {
        total += starts[slot];
      }
    }
    return total;
  }
}
