package io.drover.server.metrics;

import io.drover.JobState;
import io.drover.runtime.OutageLog;
import io.drover.store.JobStore;
import io.drover.store.QueueStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Queue depth per state, the age of each queue's oldest due job, the registered workers, and what
 * each limit holds back ({@link LimitGauges}), read from the store at most once per {@link
 * #REFRESH} however often Prometheus scrapes, so many scrapers cost the store no more than one. A
 * failed read keeps the last numbers and is logged (once per store outage).
 */
final class QueueGauges {
  static final Duration REFRESH = Duration.ofSeconds(5);

  private final JobStore store;
  private final InstantSource clock;
  private final OutageLog outages;
  private final MultiGauge depth;
  private final MultiGauge oldestAge;
  private final LimitGauges limits;
  private volatile int workers;
  private Instant refreshedAt; // guarded by this; null before the first read

  QueueGauges(JobStore store, InstantSource clock, MeterRegistry registry) {
    this.store = store;
    this.clock = clock;
    this.outages = new OutageLog("metrics: queue stats", clock);
    this.depth =
        MultiGauge.builder("drover.queue.jobs")
            .description("Jobs per queue and state")
            .register(registry);
    this.oldestAge =
        MultiGauge.builder("drover.queue.oldest.waiting.age")
            .description("How long the oldest due job of the queue has waited")
            .baseUnit("seconds")
            .register(registry);
    this.limits = new LimitGauges(store, clock, registry);
    Gauge.builder("drover.workers", this, gauges -> gauges.workers)
        .description("Worker pools registered on the store, from every process")
        .register(registry);
  }

  /** Reads the store if the last read is older than {@link #REFRESH}. */
  synchronized void refreshIfStale() {
    Instant now = clock.instant();
    if (refreshedAt != null && Duration.between(refreshedAt, now).compareTo(REFRESH) < 0) {
      return;
    }
    refreshedAt = now;
    try {
      List<QueueStats> stats = store.stats();
      workers = store.workers().size();
      List<MultiGauge.Row<?>> depthRows = new ArrayList<>();
      List<MultiGauge.Row<?>> ageRows = new ArrayList<>();
      for (QueueStats queue : stats) {
        for (JobState state : JobState.values()) {
          depthRows.add(
              MultiGauge.Row.of(
                  Tags.of("queue", queue.queue(), "state", state.wireName()), queue.count(state)));
        }
        Instant since = queue.oldestWaitingSince();
        if (since != null) {
          // Measured at scrape time, so the age keeps growing between store reads.
          ageRows.add(
              MultiGauge.Row.of(
                  Tags.of("queue", queue.queue()),
                  since,
                  s -> Math.max(0, Duration.between(s, clock.instant()).toMillis()) / 1000.0));
        }
      }
      depth.register(depthRows, true);
      oldestAge.register(ageRows, true);
      outages.succeeded();
    } catch (RuntimeException e) {
      outages.failed(e); // the last numbers stay
    }
    limits.refresh();
  }
}
