package io.drover.bench;

/**
 * One measured figure.
 *
 * @param name the machine name in {@code RESULT} lines, e.g. {@code jobs_per_s}
 * @param label what it is, for the table
 * @param unit for the table, e.g. {@code jobs/s}
 */
public record Metric(String name, String label, double value, String unit) {}
