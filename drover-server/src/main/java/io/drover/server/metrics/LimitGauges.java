package io.drover.server.metrics;

import io.drover.limit.HeldKey;
import io.drover.limit.LimitSpec;
import io.drover.limit.LimitStatus;
import io.drover.runtime.OutageLog;
import io.drover.store.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Per limit: its governed jobs running and started within its window, the keys it holds back and
 * the jobs waiting behind them, read from the store with the queue gauges (at most once per {@link
 * QueueGauges#REFRESH}). Only on a store that enforces limits; a failed read keeps the last
 * numbers.
 */
final class LimitGauges {
  private final JobStore store;
  private final OutageLog outages;
  private final MultiGauge active;
  private final MultiGauge recentStarts;
  private final MultiGauge heldKeys;
  private final MultiGauge heldJobs;

  LimitGauges(JobStore store, InstantSource clock, MeterRegistry registry) {
    this.store = store;
    this.outages = new OutageLog("metrics: limits", clock);
    this.active =
        MultiGauge.builder("drover.limit.active")
            .description("Jobs a limit governs that are running, across the fleet")
            .register(registry);
    this.recentStarts =
        MultiGauge.builder("drover.limit.recent.starts")
            .description(
                "Jobs a limit governs started within its window (its rate's period, else a minute),"
                    + " across the fleet")
            .register(registry);
    this.heldKeys =
        MultiGauge.builder("drover.limit.held.keys")
            .description("Keys at one of a limit's caps with jobs waiting")
            .register(registry);
    this.heldJobs =
        MultiGauge.builder("drover.limit.held.jobs")
            .description("Jobs waiting behind keys at one of a limit's caps")
            .register(registry);
  }

  void refresh() {
    if (!store.supportsLimits()) {
      return;
    }
    try {
      List<MultiGauge.Row<?>> activeRows = new ArrayList<>();
      List<MultiGauge.Row<?>> startRows = new ArrayList<>();
      List<MultiGauge.Row<?>> keyRows = new ArrayList<>();
      List<MultiGauge.Row<?>> jobRows = new ArrayList<>();
      for (LimitSpec spec : store.limits().limits()) {
        LimitStatus status = store.limits().limitStatus(spec.name()).orElse(null);
        if (status == null) {
          continue; // deleted between the two reads
        }
        Tags tags = Tags.of("limit", spec.name());
        activeRows.add(MultiGauge.Row.of(tags, status.active()));
        startRows.add(MultiGauge.Row.of(tags, status.recentStarts()));
        keyRows.add(MultiGauge.Row.of(tags, status.held().size()));
        jobRows.add(
            MultiGauge.Row.of(tags, status.held().stream().mapToLong(HeldKey::waiting).sum()));
      }
      active.register(activeRows, true);
      recentStarts.register(startRows, true);
      heldKeys.register(keyRows, true);
      heldJobs.register(jobRows, true);
      outages.succeeded();
    } catch (RuntimeException e) {
      outages.failed(e); // the last numbers stay
    }
  }
}
