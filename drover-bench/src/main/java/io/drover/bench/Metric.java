package io.drover.bench;

/**
 * One measured figure.
 *
 * @param name the machine name in {@code RESULT} lines, e.g. {@code jobs_per_s}
 * @param label what it is, for the table
 * @param unit for the table, e.g. {@code jobs/s}; {@value #RATIO} for a ratio
 */
public record Metric(String name, String label, double value, String unit) {
  /** The unit of a ratio, printed to three decimals: one would round 0.96 and 1.0 alike. */
  public static final String RATIO = "×";

  /** The format of the value after its {@code %}: a ratio to three decimals, others to one. */
  String decimals() {
    return RATIO.equals(unit) ? ".3f" : ".1f";
  }
}
