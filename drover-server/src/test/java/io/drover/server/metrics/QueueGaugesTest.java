package io.drover.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.JobSpec;
import io.drover.store.memory.MemoryJobStore;
import io.drover.time.SettableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueGaugesTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2025-06-01T12:00:00Z"));
  private final MemoryJobStore store = new MemoryJobStore(clock);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final QueueGauges gauges = new QueueGauges(store, clock, registry);

  @Test
  void theStoreIsReadAtMostOncePerRefreshPeriod_andTheAgeGrowsBetweenReads() {
    enqueue();
    gauges.refreshIfStale();
    enqueue();
    clock.advance(Duration.ofSeconds(2));
    gauges.refreshIfStale();

    assertThat(waiting()).as("cached within the period").isEqualTo(1);
    assertThat(oldestAgeSeconds()).isEqualTo(2);

    clock.advance(QueueGauges.REFRESH);
    gauges.refreshIfStale();

    assertThat(waiting()).isEqualTo(2);
    assertThat(registry.get("drover.workers").gauge().value()).isZero();
  }

  private void enqueue() {
    store.enqueue(List.of(JobSpec.builder("mail", "noop").build()));
  }

  private double waiting() {
    return registry
        .get("drover.queue.jobs")
        .tag("queue", "mail")
        .tag("state", "waiting")
        .gauge()
        .value();
  }

  private double oldestAgeSeconds() {
    return registry.get("drover.queue.oldest.waiting.age").tag("queue", "mail").gauge().value();
  }
}
