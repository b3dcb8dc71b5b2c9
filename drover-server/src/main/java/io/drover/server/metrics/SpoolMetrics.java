package io.drover.server.metrics;

import io.drover.spool.SpoolStats;
import io.drover.spool.SpoolingEnqueuer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/** The producers' spool on {@code /metrics}: what went in, what came out, what waits. */
final class SpoolMetrics {
  private SpoolMetrics() {}

  static void bind(MeterRegistry registry, SpoolingEnqueuer spool) {
    counter(
        registry,
        spool,
        "drover.spool.spooled",
        "Jobs spooled while the store was unreachable",
        SpoolStats::spooled);
    counter(
        registry,
        spool,
        "drover.spool.forwarded",
        "Spooled jobs forwarded to the store",
        SpoolStats::forwarded);
    counter(
        registry,
        spool,
        "drover.spool.rejected",
        "Spooled jobs the store refused for good, set aside in rejected.log",
        SpoolStats::rejected);
    gauge(
        registry,
        spool,
        "drover.spool.depth",
        "Jobs in the spool waiting to be forwarded",
        stats -> stats.depth());
    gauge(
        registry,
        spool,
        "drover.spool.oldest.age.seconds",
        "How long the oldest spooled job has waited",
        stats -> stats.oldestAge().toMillis() / 1000.0);
  }

  private static void counter(
      MeterRegistry registry,
      SpoolingEnqueuer spool,
      String name,
      String description,
      ToDoubleFunction<SpoolStats> value) {
    FunctionCounter.builder(name, spool, enqueuer -> value.applyAsDouble(enqueuer.stats()))
        .description(description)
        .baseUnit("jobs")
        .register(registry);
  }

  private static void gauge(
      MeterRegistry registry,
      SpoolingEnqueuer spool,
      String name,
      String description,
      ToDoubleFunction<SpoolStats> value) {
    Gauge.builder(name, spool, enqueuer -> value.applyAsDouble(enqueuer.stats()))
        .description(description)
        .register(registry);
  }
}
