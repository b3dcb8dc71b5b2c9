package io.drover.server;

import io.drover.bench.Bench;
import io.drover.bench.BenchOptions;
import io.drover.bench.Progress;
import io.drover.bench.ProgressBar;
import io.drover.bench.Report;
import io.drover.bench.Scenario;
import io.drover.bench.WorkerLauncher;
import io.drover.runtime.WorkerConfig;
import io.drover.server.cli.ClientException;
import io.drover.server.config.ConfigException;
import io.drover.server.config.ServerConfig;
import io.drover.server.config.Setting;
import io.drover.server.store.StoreChoice;
import io.drover.server.store.StoreFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code drover bench}: measures Drover end to end on a store (issue 7, docs/performance.md). The
 * store is opened the way {@code drover server} opens it; the measuring is {@link Bench}'s.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures Drover end to end on a store and prints a table and RESULT lines;"
          + " exits 1 if any job was lost or ran twice.",
      "Scenarios: enqueue (one by one, then batched), drain (fill, then empty with workers),"
          + " steady (fixed arrival rate: enqueue-to-start latency), backlog (drain over a large"
          + " finished history), workflow (a run of parallel steps and a join, then a chain),"
          + " limits (keys capped, and keys beside a rate-limited hot key, against the same"
          + " drain unlimited), mixed (producers at a fixed rate while workers drain: do they keep"
          + " up).",
      ""
    })
final class BenchCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private BenchStoreOptions storeOptions;

  @Option(
      names = "--scenario",
      split = ",",
      paramLabel = "NAME",
      description =
          "enqueue, drain, steady, backlog, workflow, limits or mixed; several, comma-separated,"
              + " run in turn. Default: drain.")
  private List<String> scenarios = List.of(Scenario.DRAIN.wireName());

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description = "Jobs per measured phase of enqueue and drain. Default: 20000.")
  private int jobs = BenchOptions.DEFAULT_JOBS;

  @Option(
      names = "--concurrency",
      paramLabel = "C",
      description = "Handlers at once in each worker process. Default: 10.")
  private int concurrency = WorkerConfig.DEFAULT_CONCURRENCY;

  @Option(
      names = "--workers",
      paramLabel = "P",
      description =
          "Worker processes; above 1 each is a child JVM on this jar (needs sqlite, postgres or"
              + " redis). Default: 1, a pool in the bench process.")
  private int workers = 1;

  @Option(
      names = "--payload-bytes",
      paramLabel = "B",
      description = "Size of each job's JSON payload. Default: 64.")
  private int payloadBytes = BenchOptions.DEFAULT_PAYLOAD_BYTES;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Jobs per store call when enqueueing in batches and seeding. Default: 1000.")
  private int batchSize = BenchOptions.DEFAULT_BATCH_SIZE;

  @Option(
      names = "--producers",
      paramLabel = "N",
      description =
          "enqueue, mixed: threads enqueueing one job per call at once, through the producers' path"
              + " (concurrent calls gathered into one store call). Default: 1.")
  private int producers = 1;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "steady, mixed: jobs arriving per second. Default: 50.")
  private int rate = BenchOptions.DEFAULT_RATE;

  @Option(
      names = "--duration",
      paramLabel = "SECONDS",
      description = "steady, mixed: how long jobs arrive, e.g. 10, 30s, 2m. Default: 10 s.")
  private String duration = "10";

  @Option(
      names = "--history",
      paramLabel = "N",
      description = "backlog: finished jobs seeded first. Default: 1000000.")
  private int history = BenchOptions.DEFAULT_HISTORY;

  @Option(
      names = "--backlog",
      paramLabel = "N",
      description = "backlog: waiting jobs then drained. Default: 100000.")
  private int backlog = BenchOptions.DEFAULT_BACKLOG;

  @Option(
      names = "--progress",
      negatable = true,
      description = "A progress bar on stderr. Default: only when attached to a terminal.")
  private Boolean progress;

  private final Map<String, String> env;

  BenchCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    Path scratch = null;
    try {
      BenchOptions options = options();
      if (!storeOptions.namesDataDir()) {
        scratch = Files.createTempDirectory("drover-bench-");
      }
      ServerConfig config = storeOptions.load(env, scratch);
      StoreChoice choice = StoreChoice.of(config);
      List<Report> reports =
          new Bench(
                  options,
                  () -> StoreFactory.open(choice, InstantSource.system()),
                  launcher(choice, config),
                  progress(),
                  System.out,
                  System.err)
              .run();
      return reports.stream().allMatch(Report::passed) ? 0 : CommandFailures.EXIT_FAILED;
    } catch (ConfigException e) {
      throw e; // a setting, which CommandFailures says as such
    } catch (IllegalArgumentException e) {
      // An option, or a mix of them, the bench cannot run: --jobs 0, several workers on memory.
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new ClientException("bench failed: " + e);
    } finally {
      if (scratch != null) {
        deleteTree(scratch);
      }
    }
  }

  private BenchOptions options() {
    return BenchOptions.builder()
        .scenarios(scenarios.stream().map(Scenario::parse).toList())
        .jobs(jobs)
        .concurrency(concurrency)
        .workers(workers)
        .payloadBytes(payloadBytes)
        .batchSize(batchSize)
        .producers(producers)
        .rate(rate)
        .duration(Durations.parse(duration, ChronoUnit.SECONDS))
        .history(history)
        .backlog(backlog)
        .build();
  }

  private Progress progress() {
    boolean show = progress != null ? progress : System.console() != null;
    return show ? new ProgressBar(System.err) : Progress.NONE;
  }

  /**
   * Worker processes run this jar's {@code bench-worker} on the same JDK, heap and GC settings, and
   * the same store: its name and directory on the command line, its URLs in the environment.
   */
  private static WorkerLauncher launcher(StoreChoice choice, ServerConfig config) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(arg -> arg.startsWith("-Xm") || arg.startsWith("-Xs") || arg.startsWith("-XX:"))
        .forEach(command::add);
    command.addAll(
        List.of(
            // The runnable jar's manifest allows SQLite's native library; -cp does not read it.
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            BenchWorkerCommand.NAME,
            Setting.STORE.flag(),
            choice.kind().wireName(),
            Setting.DATA_DIR.flag(),
            config.store().dataDir().toAbsolutePath().toString()));
    Map<String, String> environment = new HashMap<>();
    if (config.store().databaseUrl() != null) {
      environment.put(Setting.DATABASE_URL.droverEnv(), config.store().databaseUrl());
    }
    if (config.store().redisUrl() != null) {
      environment.put(Setting.REDIS_URL.droverEnv(), config.store().redisUrl());
    }
    return new WorkerLauncher(command, environment);
  }

  /** Best effort: a directory left behind in the temp area is worth a warning, not a failure. */
  private void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      spec.commandLine().getErr().println("drover: could not delete " + root + ": " + e);
    }
  }
}
