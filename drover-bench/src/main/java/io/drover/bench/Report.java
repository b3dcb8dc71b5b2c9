package io.drover.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * One scenario's figures: a table for people, then one {@code RESULT} line per figure for scripts,
 * e.g. {@code RESULT store=sqlite scenario=drain metric=jobs_per_s value=12345.6}.
 *
 * @param setup what was run, in words, e.g. "20,000 jobs, concurrency 10, 1 worker process"
 */
public record Report(
    String store, Scenario scenario, String setup, List<Metric> metrics, Verdict verdict) {

  public Report {
    metrics = List.copyOf(metrics);
  }

  public boolean passed() {
    return verdict.exactlyOnce();
  }

  void print(PrintStream out) {
    out.println();
    out.println(scenario.wireName() + " on " + store + ": " + setup);
    int width = metrics.stream().mapToInt(metric -> metric.label().length()).max().orElse(0);
    for (Metric metric : metrics) {
      out.printf(
          Locale.ROOT,
          "  %-" + width + "s  %15s  %s%n",
          metric.label(),
          String.format(Locale.ROOT, "%," + metric.decimals(), metric.value()),
          metric.unit());
    }
    for (Metric metric : metrics) {
      out.printf(
          Locale.ROOT,
          "RESULT store=%s scenario=%s metric=%s value=%s%n",
          store,
          scenario.wireName(),
          metric.name(),
          String.format(Locale.ROOT, "%" + metric.decimals(), metric.value()));
    }
  }
}
