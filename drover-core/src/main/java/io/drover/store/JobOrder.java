package io.drover.store;

import java.util.Comparator;
import java.util.UUID;

/**
 * The order of job ids every store shares: the 128 bits compared as an unsigned number, as
 * PostgreSQL's {@code uuid} type, a byte-wise BLOB compare and lower-case hex text all do. For
 * UUIDv7 this is creation order. {@link UUID#compareTo} compares the two halves as signed longs, so
 * it disagrees with the databases for ids whose top bit is set (client-made UUIDv4, for instance).
 */
public final class JobOrder {
  /** Smallest id first. */
  public static final Comparator<UUID> ID_ASCENDING = JobOrder::compareIds;

  private JobOrder() {}

  public static int compareIds(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0
        ? high
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
