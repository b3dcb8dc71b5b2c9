package io.drover.server.metrics;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.runtime.JobListener;
import io.drover.store.Enqueued;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts jobs per queue and kind as they are enqueued and as their attempts end, and times the
 * attempts by outcome. The meters of a queue and kind are made once and kept, so reporting an
 * outcome is two map lookups and two updates.
 */
public final class JobMetrics implements JobListener {
  /**
   * Bucket bounds of the duration histogram: from quick handlers to the longest default-ish jobs,
   * few enough to keep the series count per queue and kind small.
   */
  static final Duration[] DURATION_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(25),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60),
    Duration.ofMinutes(5)
  };

  private final MeterRegistry registry;
  private final Map<QueueKind, Counters> counters = new ConcurrentHashMap<>();
  private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

  public JobMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts the job if the store made it (not when an id or de-duplication key matched). */
  public void enqueued(JobSpec spec, Enqueued answer) {
    if (answer.created()) {
      counters(spec.queue(), spec.kind()).enqueued.increment();
    }
  }

  @Override
  public void onCompleted(Job job, Duration duration) {
    counters(job.queue(), job.kind()).completed.increment();
    timer(job, "completed").record(duration);
  }

  @Override
  public void onRetrying(Job job, Duration duration) {
    counters(job.queue(), job.kind()).retried.increment();
    timer(job, "retrying").record(duration);
  }

  @Override
  public void onFailed(Job job, Duration duration) {
    counters(job.queue(), job.kind()).failed.increment();
    timer(job, "failed").record(duration);
  }

  private Counters counters(String queue, String kind) {
    return counters.computeIfAbsent(new QueueKind(queue, kind), key -> new Counters(registry, key));
  }

  /** Made on first use, so an outcome that never happens costs no histogram series. */
  private Timer timer(Job job, String outcome) {
    return timers.computeIfAbsent(
        new Series(job.queue(), job.kind(), outcome),
        series ->
            Timer.builder("drover.job.duration")
                .description("Wall time of one attempt, from claim to outcome")
                .tag("queue", series.queue())
                .tag("kind", series.kind())
                .tag("outcome", series.outcome())
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry));
  }

  private record QueueKind(String queue, String kind) {}

  private record Series(String queue, String kind, String outcome) {}

  /** The counters of one queue and kind. */
  private static final class Counters {
    final Counter enqueued;
    final Counter completed;
    final Counter retried;
    final Counter failed;

    Counters(MeterRegistry registry, QueueKind key) {
      enqueued = counter(registry, "drover.jobs.enqueued", "Jobs the store made", key);
      completed = counter(registry, "drover.jobs.completed", "Jobs completed", key);
      retried = counter(registry, "drover.jobs.retried", "Failed attempts to be retried", key);
      failed = counter(registry, "drover.jobs.failed", "Jobs failed for good", key);
    }

    private static Counter counter(
        MeterRegistry registry, String name, String description, QueueKind key) {
      return Counter.builder(name)
          .description(description)
          .tag("queue", key.queue())
          .tag("kind", key.kind())
          .register(registry);
    }
  }
}
