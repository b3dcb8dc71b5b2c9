package io.drover.store;

import java.util.Objects;

/**
 * Asks a store to recover up to {@code max} active jobs whose lease expired.
 *
 * @param max at most this many jobs; a value below 1 reaps nothing
 * @param expiry decides, per job, the failed attempt the store records
 */
public record ReapRequest(int max, LeaseExpiry expiry) {
  public ReapRequest {
    Objects.requireNonNull(expiry, "expiry");
  }
}
