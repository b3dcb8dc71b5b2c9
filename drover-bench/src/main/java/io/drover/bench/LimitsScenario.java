package io.drover.bench;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.limit.HeldKey;
import io.drover.limit.LimitSpec;
import io.drover.limit.LimitStore;
import io.drover.limit.Rate;
import io.drover.store.JobPage;
import io.drover.store.JobQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code limits}: what enforcing limits costs a drain. After an unmeasured drain that warms the
 * JIT, first {@code --jobs} jobs over {@value #KEYS} keys, each key's jobs together, drained
 * without a limit and then again with each key capped at {@value #PER_KEY} running; then {@code
 * --jobs} jobs of keys with one job each, drained beside {@value #HOT_JOBS} jobs of one hot key
 * enqueued before them and held to {@value #HOT_RATE_PER_S} starts a second. The hot key's
 * leftovers drain once its limit is deleted, so every job is judged.
 */
final class LimitsScenario {
  static final int KEYS = 1_000;
  static final int PER_KEY = 2;
  static final int HOT_JOBS = 1_000;
  static final int HOT_RATE_PER_S = 50;
  private static final String HOT = "hot";
  private static final String SOLO = "solo-";
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration STALL = Duration.ofSeconds(60);

  private LimitsScenario() {}

  static ScenarioResult run(BenchRun run) {
    int count = run.options().jobs();
    LimitStore limits = run.store().limits();
    BenchJobs jobs = run.jobs();

    // Jobs are numbered across the phases, and each fleet logs runs by number.
    int capacity = 4 * count + HOT_JOBS;
    // Unmeasured: the JIT's warm-up would otherwise slow whichever phase came first.
    FleetResult warmUp = drain(run, keyMajor(jobs, count), capacity, "warm-up");
    Verdict verdict = run.judge(count, 0, warmUp);
    FleetResult plain = drain(run, keyMajor(jobs, count), capacity, "unlimited");
    verdict = verdict.then(run.judge(count, count, plain));

    String perKey = "bench-per-key";
    limits.saveLimit(LimitSpec.builder(perKey).queues(run.queue()).concurrency(PER_KEY).build());
    FleetResult capped = drain(run, keyMajor(jobs, count), capacity, "capped");
    limits.deleteLimit(perKey);
    verdict = verdict.then(run.judge(count, 2L * count, capped));

    String hot = "bench-hot-key";
    limits.saveLimit(
        LimitSpec.builder(hot)
            .queues(run.queue())
            .rate(Rate.of(HOT_RATE_PER_S, Duration.ofSeconds(1)))
            .build());
    List<JobSpec> mixed = new ArrayList<>(HOT_JOBS + count);
    for (int i = 0; i < HOT_JOBS; i++) {
      mixed.add(jobs.next(HOT));
    }
    for (int i = 0; i < count; i++) {
      mixed.add(jobs.next(SOLO + i));
    }
    enqueue(run, mixed);
    FleetResult beside;
    try (Fleet fleet = run.fleet(capacity)) {
      fleet.start();
      awaitSolos(fleet, limits, hot, count);
      limits.deleteLimit(hot);
      beside = run.awaitAndStop(fleet, HOT_JOBS + count, "the hot key's rest");
    }
    verdict = verdict.then(run.judge(HOT_JOBS + count, 3L * count, beside));
    Span solos = span(run, SOLO);
    Span hotStarts = span(run, HOT);

    double plainRate = ScenarioResult.perSecond(count, plain.drainSeconds());
    double cappedRate = ScenarioResult.perSecond(count, capped.drainSeconds());
    double besideRate = ScenarioResult.perSecond(count, solos.seconds());
    long hotDuring = hotStarts.startsWithin(solos);
    List<Metric> metrics =
        List.of(
            new Metric("unlimited_jobs_per_s", "drain, no limit", plainRate, "jobs/s"),
            new Metric(
                "capped_jobs_per_s",
                String.format(Locale.ROOT, "drain, %,d keys capped at %d running", KEYS, PER_KEY),
                cappedRate,
                "jobs/s"),
            new Metric(
                "capped_ratio",
                "capped drain against unlimited",
                ratio(cappedRate, plainRate),
                Metric.RATIO),
            new Metric(
                "beside_hot_jobs_per_s",
                "one-job keys, first start to last finish, beside the rate-limited hot key",
                besideRate,
                "jobs/s"),
            new Metric(
                "beside_hot_ratio",
                "beside the hot key against unlimited",
                ratio(besideRate, plainRate),
                Metric.RATIO),
            new Metric(
                "hot_starts_per_s",
                String.format(
                    Locale.ROOT, "hot key's starts meanwhile (limit %d/s)", HOT_RATE_PER_S),
                solos.seconds() == 0 ? 0 : hotDuring / solos.seconds(),
                "starts/s"));
    String setup =
        String.format(
            Locale.ROOT,
            "%,d jobs per phase over %,d keys capped at %d, then beside %,d jobs of a hot key at %d/s, %s",
            count,
            KEYS,
            PER_KEY,
            HOT_JOBS,
            HOT_RATE_PER_S,
            run.workersSetup());
    return new ScenarioResult(setup, metrics, verdict);
  }

  /**
   * Waits until every one-job key's job has completed: the completions so far less the hot key's,
   * which are its jobs neither waiting nor running. Looks every {@link #POLL}: the figures come
   * from the jobs' own times, so the look need not be quick, and rarer looks cost the store less.
   */
  private static void awaitSolos(Fleet fleet, LimitStore limits, String hot, int count) {
    long lastProgress = System.nanoTime();
    long seen = -1;
    try {
      while (true) {
        HeldKey held =
            limits.limitStatus(hot).stream()
                .flatMap(status -> status.held().stream())
                .filter(key -> key.key().equals(HOT))
                .findFirst()
                .orElse(null);
        long completed = fleet.completed();
        if (held != null && completed - (HOT_JOBS - held.waiting() - held.active()) >= count) {
          return;
        }
        if (completed != seen) {
          seen = completed;
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
          return; // the verdict will tell what did not run
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code count} jobs over {@link #KEYS} keys, all of one key's before the next key's. */
  private static List<JobSpec> keyMajor(BenchJobs jobs, int count) {
    List<JobSpec> specs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      specs.add(jobs.next("key-" + (long) i * KEYS / count));
    }
    return specs;
  }

  private static FleetResult drain(BenchRun run, List<JobSpec> specs, int capacity, String phase) {
    enqueue(run, specs);
    try (Fleet fleet = run.fleet(capacity)) {
      fleet.start();
      return run.awaitAndStop(fleet, specs.size(), phase);
    }
  }

  private static void enqueue(BenchRun run, List<JobSpec> specs) {
    int batch = run.options().batchSize();
    for (int from = 0; from < specs.size(); from += batch) {
      run.store().enqueue(specs.subList(from, Math.min(specs.size(), from + batch)));
    }
  }

  /** The first start and last finish of the queue's completed jobs whose key starts so. */
  private static Span span(BenchRun run, String keyPrefix) {
    List<Instant> starts = new ArrayList<>();
    Instant lastFinish = null;
    JobQuery query =
        JobQuery.all()
            .withQueue(run.queue())
            .withState(JobState.COMPLETED)
            .withLimit(JobQuery.MAX_LIMIT);
    for (JobPage page = run.store().list(query); ; ) {
      for (Job job : page.jobs()) {
        if (job.rateKey() != null && job.rateKey().startsWith(keyPrefix)) {
          starts.add(job.startedAt());
          if (lastFinish == null || job.finishedAt().isAfter(lastFinish)) {
            lastFinish = job.finishedAt();
          }
        }
      }
      if (page.nextCursor() == null) {
        break;
      }
      page = run.store().list(query.withCursor(page.nextCursor()));
    }
    return new Span(starts, lastFinish);
  }

  private static double ratio(double rate, double baseline) {
    return baseline == 0 ? 0 : rate / baseline;
  }

  /** Jobs' start times and the last finish among them. */
  private record Span(List<Instant> starts, Instant lastFinish) {
    Instant firstStart() {
      return starts.stream().min(Instant::compareTo).orElse(null);
    }

    double seconds() {
      Instant first = firstStart();
      return first == null ? 0 : Duration.between(first, lastFinish).toNanos() / 1e9;
    }

    /** How many of these starts fall within {@code other}'s first start and last finish. */
    long startsWithin(Span other) {
      Instant from = other.firstStart();
      return from == null
          ? 0
          : starts.stream().filter(t -> !t.isBefore(from) && !t.isAfter(other.lastFinish)).count();
    }
  }
}
