package io.drover.store.redis;

import io.drover.limit.LimitSpec;
import io.drover.limit.StartWindow;
import java.util.List;

/**
 * A limit as stored: its spec and its generation, the limits' version its last save made. Counters
 * of one generation live under {@code {prefix}:limit:<name>:<generation>:} (limit_save.lua).
 */
record StoredLimit(LimitSpec spec, String generation) {

  /** The limit's part of a claim's arguments, as {@code claim_limited.lua} reads them. */
  void addClaimArgs(List<String> args) {
    args.add(spec.name());
    args.add(generation);
    args.add(text(spec.concurrency()));
    args.add(text(spec.queueConcurrency()));
    args.add(spec.rate() == null ? "" : Long.toString(spec.rate().spacingMicros()));
    args.add(spec.rate() == null ? "" : Long.toString(spec.rate().toleranceMicros()));
    args.add(Long.toString(StartWindow.of(spec).bucketMillis()));
    args.add(Integer.toString(spec.kinds().size()));
    args.addAll(spec.kinds());
  }

  /** What the limit caps, as {@code limit_save.lua} reads it. */
  String caps() {
    if (spec.capsConcurrency()) {
      return "c";
    }
    return spec.caps() ? "r" : "0";
  }

  private static String text(Integer value) {
    return value == null ? "" : value.toString();
  }
}
