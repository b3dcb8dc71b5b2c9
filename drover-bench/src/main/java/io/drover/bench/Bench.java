package io.drover.bench;

import io.drover.store.JobStore;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Drover measured end to end through the {@link JobStore} port, behind {@code drover bench}. Each
 * scenario runs on a store of its own from the supplier, in a queue of its own, with {@code
 * bench.noop} jobs; it prints a table and {@code RESULT} lines, checks that every job completed
 * exactly once, and reports the peak heap and resident memory of the bench and of any worker
 * processes.
 *
 * <pre>{@code
 * List<Report> reports =
 *     new Bench(options, MemoryJobStore::new, null, Progress.NONE, System.out, System.err).run();
 * }</pre>
 */
public final class Bench {
  private static final double MIB = 1024.0 * 1024.0;

  private final BenchOptions options;
  private final Supplier<JobStore> stores;
  private final WorkerLauncher launcher;
  private final Progress progress;
  private final PrintStream out;
  private final PrintStream diagnostics;

  /**
   * @param stores opens the store one scenario runs on; the bench closes it afterwards
   * @param launcher starts worker processes; may be null when {@code workers} is 1
   * @param out where tables and RESULT lines go
   * @param diagnostics where worker processes' other output and stall warnings go
   */
  public Bench(
      BenchOptions options,
      Supplier<JobStore> stores,
      WorkerLauncher launcher,
      Progress progress,
      PrintStream out,
      PrintStream diagnostics) {
    if (options.workers() > 1 && launcher == null) {
      throw new IllegalArgumentException("workers above 1 need a way to launch worker processes");
    }
    this.options = options;
    this.stores = Objects.requireNonNull(stores, "stores");
    this.launcher = launcher;
    this.progress = progress;
    this.out = out;
    this.diagnostics = diagnostics;
  }

  /** Runs each scenario in turn, printing each report as it is done. */
  public List<Report> run() {
    List<Report> reports = new ArrayList<>();
    for (Scenario scenario : options.scenarios()) {
      Report report = run(scenario);
      report.print(out);
      reports.add(report);
    }
    return reports;
  }

  private Report run(Scenario scenario) {
    // Each scenario's peaks start from what is live now, not from the one before's garbage.
    System.gc();
    ResidentMemory.resetPeak();
    String machine = machine();
    try (HeapPeak heap = HeapPeak.start();
        JobStore store = stores.get()) {
      if (options.workers() > 1 && store.name().equals("memory")) {
        throw new IllegalArgumentException(
            "workers "
                + options.workers()
                + " needs a store other processes can reach (sqlite, postgres, redis); the"
                + " memory store lives inside one process");
      }
      BenchRun run =
          new BenchRun(store, options, queueName(scenario), launcher, progress, diagnostics);
      ScenarioResult result =
          switch (scenario) {
            case ENQUEUE -> EnqueueScenario.run(run);
            case DRAIN -> DrainScenario.run(run);
            case STEADY -> SteadyScenario.run(run);
            case BACKLOG -> BacklogScenario.run(run);
            case WORKFLOW -> WorkflowScenario.run(run);
            case LIMITS -> LimitsScenario.run(run);
            case MIXED -> MixedScenario.run(run);
          };
      List<Metric> metrics = new ArrayList<>(result.metrics());
      metrics.addAll(result.verdict().metrics());
      metrics.addAll(memory(heap.bytes(), run.workerReports()));
      return new Report(
          store.name(), scenario, result.setup() + "; " + machine, metrics, result.verdict());
    }
  }

  /** A queue no one else uses, so a bench against a shared database touches nothing else. */
  private static String queueName(Scenario scenario) {
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    return "bench." + scenario.wireName() + "." + HexFormat.of().formatHex(random);
  }

  /** The CPUs and load the figures were taken under. */
  private static String machine() {
    return String.format(
        Locale.ROOT,
        "%d CPUs, load average %.2f at start",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static List<Metric> memory(long heapBytes, List<WorkerReport> workers) {
    List<Metric> metrics = new ArrayList<>();
    metrics.add(new Metric("peak_heap_mb", "peak heap, bench process", heapBytes / MIB, "MiB"));
    long rss = ResidentMemory.peakBytes();
    if (rss >= 0) {
      metrics.add(new Metric("peak_rss_mb", "peak RSS, bench process", rss / MIB, "MiB"));
    }
    if (!workers.isEmpty()) {
      long workerHeap = workers.stream().mapToLong(WorkerReport::peakHeapBytes).max().orElse(0);
      long workerRss = workers.stream().mapToLong(WorkerReport::peakRssBytes).max().orElse(-1);
      metrics.add(
          new Metric(
              "worker_peak_heap_mb", "peak heap, largest worker process", workerHeap / MIB, "MiB"));
      if (workerRss >= 0) {
        metrics.add(
            new Metric(
                "worker_peak_rss_mb", "peak RSS, largest worker process", workerRss / MIB, "MiB"));
      }
    }
    return metrics;
  }
}
