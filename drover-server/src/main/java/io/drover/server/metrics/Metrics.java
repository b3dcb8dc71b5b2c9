package io.drover.server.metrics;

import io.drover.runtime.WorkerPool;
import io.drover.store.JobStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.InstantSource;

/**
 * The process's metrics for {@code /metrics}: jobs ({@link JobMetrics}), queues and workers ({@link
 * QueueGauges}), the jobs running in this process, and the JVM.
 */
public final class Metrics implements AutoCloseable {
  /** What Prometheus expects of the text format {@link #scrape()} writes. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final JobMetrics jobs = new JobMetrics(registry);
  private final QueueGauges queues;

  public Metrics(JobStore store, InstantSource clock) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    queues = new QueueGauges(store, clock, registry);
  }

  /** Reports the jobs this process's pool runs at the moment. */
  public void watch(WorkerPool pool) {
    Gauge.builder("drover.jobs.active", pool, WorkerPool::running)
        .description("Jobs running in this process")
        .register(registry);
  }

  public JobMetrics jobs() {
    return jobs;
  }

  /** Everything in the Prometheus text format, with queue numbers at most a few seconds old. */
  public String scrape() {
    queues.refreshIfStale();
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
