package io.drover.store.memory;

import java.time.Instant;

/** How many due jobs of a key wait, and the earliest run_at among them. */
final class WaitingTally {
  private long count;
  private Instant oldest;

  void add(Instant runAt) {
    count++;
    if (oldest == null || runAt.isBefore(oldest)) {
      oldest = runAt;
    }
  }

  long count() {
    return count;
  }

  Instant oldest() {
    return oldest;
  }
}
