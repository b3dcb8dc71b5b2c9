package io.drover.server.metrics;

import io.drover.runtime.WorkerPool;
import io.drover.spool.SpoolingEnqueuer;
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
 * QueueGauges}), the jobs running in this process, the JVM, and whatever else reports to the
 * registry, such as the PostgreSQL store's connection pool.
 */
public final class Metrics implements AutoCloseable {
  /** What Prometheus expects of the text format {@link #scrape()} writes. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final JobMetrics jobs;
  private final QueueGauges queues;

  public Metrics(JobStore store, InstantSource clock) {
    this(newRegistry(), store, clock);
  }

  /**
   * @param registry from {@link #newRegistry()}, made before the store was opened so the store
   *     could report to it too; closed with these metrics
   */
  public Metrics(PrometheusMeterRegistry registry, JobStore store, InstantSource clock) {
    this.registry = registry;
    this.jobs = new JobMetrics(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    queues = new QueueGauges(store, clock, registry);
  }

  /** An empty registry that writes the Prometheus text format. */
  public static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /** Reports the jobs this process's pool runs at the moment. */
  public void watch(WorkerPool pool) {
    Gauge.builder("drover.jobs.active", pool, WorkerPool::running)
        .description("Jobs running in this process")
        .register(registry);
  }

  /** Reports the producers' spool: jobs spooled, forwarded, refused, waiting. */
  public void watch(SpoolingEnqueuer spool) {
    SpoolMetrics.bind(registry, spool);
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
