package io.drover.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a bench run measures; the lower-case names are those {@code --scenario} takes. */
public enum Scenario {
  /** Enqueue rate: jobs one per store call, then the same number in batches. */
  ENQUEUE,
  /** Jobs per second draining a queue filled beforehand, from first claim to last completion. */
  DRAIN,
  /** Enqueue-to-handler-start latency while jobs arrive at a fixed rate. */
  STEADY,
  /** {@link #DRAIN} with a large finished history and a waiting backlog already in the store. */
  BACKLOG,
  /**
   * Parallel steps of one run and their join, then a chain of steps: step rate and the hand-off
   * from a completed parent to its started child.
   */
  WORKFLOW,
  /**
   * Limits: a drain of 1,000 keys each capped at 2 running against the same drain unlimited, then
   * unlimited keys drained beside a rate-limited hot key.
   */
  LIMITS,
  /**
   * Producers enqueueing one job per call at a fixed rate while the workers drain: the share of
   * arrivals completed meanwhile, and the backlog.
   */
  MIXED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a scenario name.
   *
   * @throws IllegalArgumentException naming the value and the names accepted
   */
  public static Scenario parse(String text) {
    for (Scenario scenario : values()) {
      if (scenario.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return scenario;
      }
    }
    throw new IllegalArgumentException(
        "scenario must be one of "
            + Arrays.stream(values()).map(Scenario::wireName).collect(Collectors.joining(", "))
            + " (was '"
            + text
            + "')");
  }
}
