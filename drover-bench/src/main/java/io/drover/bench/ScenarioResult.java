package io.drover.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What a scenario measured, before the bench adds the memory figures.
 *
 * @param setup what was run, in words
 */
record ScenarioResult(String setup, List<Metric> metrics, Verdict verdict) {
  ScenarioResult {
    metrics = List.copyOf(metrics);
  }

  /** This result with {@code more} figures after its own. */
  ScenarioResult plus(List<Metric> more) {
    List<Metric> all = new ArrayList<>(metrics);
    all.addAll(more);
    return new ScenarioResult(setup, all, verdict);
  }

  /** Jobs per second, or 0 when no time passed (nothing ran). */
  static double perSecond(long count, double seconds) {
    return seconds > 0 ? count / seconds : 0;
  }
}
