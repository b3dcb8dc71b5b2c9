package io.drover.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * What one child worker process ran and used, as it reports it on its last line.
 *
 * @param firstClaimAt wall-clock ns, or {@link MeasuredStore#NEVER}
 * @param lastCompletionAt wall-clock ns, or {@link MeasuredStore#NEVER}
 * @param claimCalls claim round trips
 * @param completeCalls completion round trips
 * @param peakHeapBytes the most heap the process used
 * @param peakRssBytes the process's resident-set high-water mark, or -1 where unknown
 */
record WorkerReport(
    long runs,
    long duplicated,
    long firstClaimAt,
    long lastCompletionAt,
    long claimCalls,
    long completeCalls,
    long peakHeapBytes,
    long peakRssBytes) {

  String toLine() {
    return "runs="
        + runs
        + " duplicated="
        + duplicated
        + " first_claim_at="
        + firstClaimAt
        + " last_completion_at="
        + lastCompletionAt
        + " claim_calls="
        + claimCalls
        + " complete_calls="
        + completeCalls
        + " peak_heap="
        + peakHeapBytes
        + " peak_rss="
        + peakRssBytes;
  }

  /**
   * Reads what {@link #toLine()} wrote.
   *
   * @throws IllegalArgumentException when a field is missing or not a number
   */
  static WorkerReport parse(String line) {
    Map<String, Long> fields = new HashMap<>();
    for (String pair : line.trim().split(" +")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
      }
    }
    return new WorkerReport(
        field(fields, "runs", line),
        field(fields, "duplicated", line),
        field(fields, "first_claim_at", line),
        field(fields, "last_completion_at", line),
        field(fields, "claim_calls", line),
        field(fields, "complete_calls", line),
        field(fields, "peak_heap", line),
        field(fields, "peak_rss", line));
  }

  private static long field(Map<String, Long> fields, String name, String line) {
    Long value = fields.get(name);
    if (value == null) {
      throw new IllegalArgumentException("worker report without " + name + ": " + line);
    }
    return value;
  }
}
