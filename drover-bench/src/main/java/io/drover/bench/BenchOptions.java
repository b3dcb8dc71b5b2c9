package io.drover.bench;

import io.drover.Bounds;
import io.drover.JobSpec;
import io.drover.runtime.WorkerConfig;
import java.time.Duration;
import java.util.List;

/**
 * What a bench run does. Build with {@link #builder()}; {@link Builder#build()} validates and names
 * the option that is wrong.
 *
 * @param scenarios run one after another, each on a store of its own. Default: drain.
 * @param jobs jobs per measured phase of enqueue and drain. Default: 20,000.
 * @param concurrency handlers running at once in each worker process. Default: 10, as a server.
 * @param workers worker processes; above 1, each is a child JVM. Default: 1 (in this process).
 * @param payloadBytes size of each job's JSON payload in UTF-8 bytes. Default: 64.
 * @param batchSize jobs per store call when enqueueing in batches and seeding history. Default:
 *     1,000.
 * @param producers threads enqueueing one job per call at once in enqueue and mixed. Default: 1.
 * @param rate arrivals per second in steady and mixed. Default: 50.
 * @param duration how long steady and mixed keep jobs arriving. Default: 10 s.
 * @param history finished jobs already in the store before backlog drains. Default: 1,000,000.
 * @param backlog waiting jobs backlog drains. Default: 100,000.
 */
public record BenchOptions(
    List<Scenario> scenarios,
    int jobs,
    int concurrency,
    int workers,
    int payloadBytes,
    int batchSize,
    int producers,
    int rate,
    Duration duration,
    int history,
    int backlog) {

  public static final int DEFAULT_JOBS = 20_000;
  public static final int DEFAULT_PAYLOAD_BYTES = 64;
  public static final int DEFAULT_BATCH_SIZE = 1_000;
  public static final int DEFAULT_RATE = 50;

  /** More producer threads than this would measure the machine's scheduler, not Drover. */
  public static final int MAX_PRODUCERS = 1_000;

  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
  public static final int DEFAULT_HISTORY = 1_000_000;
  public static final int DEFAULT_BACKLOG = 100_000;

  /** More child JVMs than this would measure the machine's scheduler, not Drover. */
  public static final int MAX_WORKERS = 64;

  public BenchOptions {
    scenarios = List.copyOf(scenarios);
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException("scenario: name at least one");
    }
    atLeast("jobs", jobs, 1);
    between("concurrency", concurrency, 1, Bounds.MAX_CONCURRENCY);
    between("workers", workers, 1, MAX_WORKERS);
    between("payload-bytes", payloadBytes, Payload.MIN_BYTES, JobSpec.DEFAULT_MAX_PAYLOAD_BYTES);
    atLeast("batch-size", batchSize, 1);
    between("producers", producers, 1, MAX_PRODUCERS);
    atLeast("rate", rate, 1);
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "duration must be at least 1 s (was " + duration.toMillis() + " ms)");
    }
    atLeast("history", history, 0);
    atLeast("backlog", backlog, 1);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How many jobs steady and mixed enqueue: the rate times the whole seconds of the duration. */
  public int arrivingJobs() {
    return Math.toIntExact(rate * duration.toSeconds());
  }

  private static void atLeast(String option, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(
          option + " must be at least " + min + " (was " + value + ")");
    }
  }

  private static void between(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          option + " must be between " + min + " and " + max + " (was " + value + ")");
    }
  }

  public static final class Builder {
    private List<Scenario> scenarios = List.of(Scenario.DRAIN);
    private int jobs = DEFAULT_JOBS;
    private int concurrency = WorkerConfig.DEFAULT_CONCURRENCY;
    private int workers = 1;
    private int payloadBytes = DEFAULT_PAYLOAD_BYTES;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int producers = 1;
    private int rate = DEFAULT_RATE;
    private Duration duration = DEFAULT_DURATION;
    private int history = DEFAULT_HISTORY;
    private int backlog = DEFAULT_BACKLOG;

    private Builder() {}

    public Builder scenarios(List<Scenario> scenarios) {
      this.scenarios = scenarios;
      return this;
    }

    public Builder jobs(int jobs) {
      this.jobs = jobs;
      return this;
    }

    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    public Builder payloadBytes(int payloadBytes) {
      this.payloadBytes = payloadBytes;
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder producers(int producers) {
      this.producers = producers;
      return this;
    }

    public Builder rate(int rate) {
      this.rate = rate;
      return this;
    }

    public Builder duration(Duration duration) {
      this.duration = duration;
      return this;
    }

    public Builder history(int history) {
      this.history = history;
      return this;
    }

    public Builder backlog(int backlog) {
      this.backlog = backlog;
      return this;
    }

    public BenchOptions build() {
      return new BenchOptions(
          scenarios,
          jobs,
          concurrency,
          workers,
          payloadBytes,
          batchSize,
          producers,
          rate,
          duration,
          history,
          backlog);
    }
  }
}
