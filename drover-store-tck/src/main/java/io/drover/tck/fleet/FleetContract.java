package io.drover.tck.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.limit.LimitSpec;
import io.drover.limit.Rate;
import io.drover.store.JobQuery;
import io.drover.store.JobStore;
import io.drover.store.QueueStats;
import io.drover.workflow.Run;
import io.drover.workflow.RunSpec;
import io.drover.workflow.RunState;
import io.drover.workflow.Step;
import io.drover.workflow.StepSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many worker processes on one shared store: every job runs exactly once without faults, the work
 * spreads, and a worker killed with SIGKILL loses nothing. A shared store's test extends this and
 * names a {@link FleetStoreFactory} plus the properties that point it at the test server:
 *
 * <pre>{@code
 * class PostgresFleetTest extends FleetContract {
 *   protected Class<? extends FleetStoreFactory> storeFactory() { return PostgresFleetStores.class; }
 *   protected Map<String, String> storeProperties() { return Map.of("drover.test.url", URL); }
 * }
 * }</pre>
 */
public abstract class FleetContract {
  private static final int JOBS = 20_000;
  private static final int WORKERS = 3;
  private static final int CONCURRENCY = 10;
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final Duration FINISH = Duration.ofMinutes(3);
  private static final int RUN_LAYERS = 20;
  private static final int RUN_WIDTH = 100;
  private static final int LIMITED_SLOTS = 3;
  private static final int CAPPED_JOBS = 60;
  private static final int RATED_JOBS = 100;
  private static final Duration RATE_WINDOW = Duration.ofMillis(200);
  private static final Duration LIMITED_WORK = Duration.ofMillis(100);

  @TempDir Path dir;
  private final List<FleetProcess> fleet = new ArrayList<>();
  private JobStore store;
  private String queue;

  /** The factory the worker processes open the store with. */
  protected abstract Class<? extends FleetStoreFactory> storeFactory();

  /** {@code drover.*} properties the factory reads, e.g. the connection URL. */
  protected abstract Map<String, String> storeProperties();

  /** Skips or fails (on CI) when the store's server is not reachable; see ExternalService. */
  protected abstract void requireServer();

  @BeforeEach
  void openStore() throws Exception {
    requireServer();
    store = storeFactory().getDeclaredConstructor().newInstance().open(properties());
    queue = "fleet-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stopFleet() throws Exception {
    for (FleetProcess process : fleet) {
      process.close();
    }
    if (store != null) {
      store.close();
    }
  }

  @Test
  void threeWorkerProcesses_runEveryJobExactlyOnce_andShareTheWork() throws Exception {
    startFleet(0);
    enqueueAll();

    awaitAllCompleted();

    Map<String, List<String>> runs = runsByWorker();
    Map<String, Long> timesRun = countRuns(runs);
    assertThat(timesRun).hasSize(JOBS);
    assertThat(timesRun.values()).allMatch(times -> times == 1L);
    runs.forEach(
        (worker, ran) -> assertThat(ran).as("jobs run by " + worker).hasSizeGreaterThan(JOBS / 20));
  }

  @Test
  void workerKilledMidRun_losesNothing_andOnlyItsUnacknowledgedJobsRunTwice() throws Exception {
    FleetProcess victim = victimWellUnderWay();

    victim.kill();
    awaitAllCompleted();

    Map<String, List<String>> runs = runsByWorker();
    Map<String, Long> timesRun = countRuns(runs);
    assertThat(timesRun).hasSize(JOBS);
    Set<String> ranTwice =
        timesRun.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    assertThat(timesRun.values()).allMatch(times -> times <= 2L);
    // Only jobs the victim held when it died may run again: those still running, and those whose
    // acknowledgement was still in its batch.
    assertThat(new HashSet<>(runs.get(victim.workerId()))).containsAll(ranTwice);
    assertThat(ranTwice.size()).isLessThanOrEqualTo(CONCURRENCY * 3);
    assertThat(fleet.subList(1, WORKERS)).allMatch(FleetProcess::isAlive);
  }

  @Test
  void workerFrozenPastItsLease_isFencedOut_andEveryRerunIsVisible() throws Exception {
    FleetProcess victim = victimWellUnderWay();

    freezeHoldingLeases(victim);
    // The others reap the frozen worker's leases and finish every job meanwhile.
    awaitAllCompleted();
    victim.thaw();
    // Back, its heartbeats and outcomes meet new tokens: it is told, and stores nothing.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(victim.log())
                    .as("the thawed worker's log")
                    .containsAnyOf("lease lost", "outcome refused"));

    Map<String, Long> timesRun = countRuns(runsByWorker());
    assertThat(timesRun).hasSize(JOBS);
    assertThat(count(JobState.COMPLETED)).isEqualTo(JOBS);
    timesRun.forEach(
        (id, times) -> {
          if (times > 1) {
            Job job = store.get(UUID.fromString(id)).orElseThrow();
            assertThat(job.attempt())
                .as("attempt of %s, run %d times", id, times)
                .isEqualTo(times.intValue());
            assertThat(job.errors()).as("errors of %s", id).hasSize(times.intValue() - 1);
          }
        });
    assertThat(victim.isAlive()).isTrue();
  }

  @Test
  void aRunOf2000Steps_survivesAWorkerKilledMidWay_everyStepAfterItsParents() throws Exception {
    assumeTrue(store.supportsWorkflows(), store.name() + " store does not run workflows");
    startFleet(2);
    RunSpec spec = layeredRun();
    assertThat(store.workflows().createRun(spec).created()).isTrue();
    FleetProcess victim = fleet.get(0);
    await()
        .atMost(FINISH)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> victim.runs().size() >= RUN_LAYERS * RUN_WIDTH / 20);

    victim.kill();
    Run run =
        await()
            .atMost(FINISH)
            .pollInterval(Duration.ofMillis(250))
            .until(
                () -> store.workflows().run(spec.id()).orElseThrow(), r -> r.state().isTerminal());

    assertThat(run.state()).isEqualTo(RunState.COMPLETED);
    assertThat(run.counts()).isEqualTo(Map.of(JobState.COMPLETED, RUN_LAYERS * RUN_WIDTH));
    Map<String, List<String>> runs = runsByWorker();
    Map<String, Long> timesRun = countRuns(runs);
    assertThat(timesRun).hasSize(RUN_LAYERS * RUN_WIDTH);
    Map<String, Job> byName = new HashMap<>();
    run.steps().forEach(step -> byName.put(step.name(), step.job()));
    for (Step step : run.steps()) {
      Job job = step.job();
      long times = timesRun.get(job.id().toString());
      // A step run twice was in the victim's hands, and its re-run shows in attempt and errors.
      if (times > 1) {
        assertThat(runs.get(victim.workerId())).contains(job.id().toString());
        assertThat(job.attempt()).as("attempt of step %s", step.name()).isEqualTo((int) times);
      }
      for (String parent : step.dependsOn()) {
        assertThat(job.startedAt())
            .as("start of %s against its parent %s's finish", step.name(), parent)
            .isAfterOrEqualTo(byName.get(parent).finishedAt());
      }
    }
    assertThat(timesRun.values()).allMatch(times -> times <= 2L);
  }

  /**
   * Limits hold across the fleet: a concurrency cap of {@value #LIMITED_SLOTS} per key (on jobs of
   * one kind) is never exceeded by the running jobs of key A however many processes claim them,
   * while other keys run beside it; and a rate of 2 starts per 200 ms per key (on jobs of the other
   * kind) is never exceeded in any 200 ms window measured from the starts the store recorded, for
   * keys A and B alike. (The 2 per second over 200 jobs a key would take 100 s; the window
   * is scaled down, the check is the same.)
   */
  @Test
  void limits_holdAcrossTheFleet_aConcurrencyCapPerKey_andARatePerKey() throws Exception {
    assumeTrue(store.supportsLimits(), store.name() + " does not enforce limits");
    startFleet(LIMITED_WORK.toMillis());
    store
        .limits()
        .saveLimit(
            LimitSpec.builder(queue + "-slots")
                .queues(queue)
                .kinds(FleetWorkerMain.OTHER_KIND)
                .concurrency(LIMITED_SLOTS)
                .build());
    store
        .limits()
        .saveLimit(
            LimitSpec.builder(queue + "-rate")
                .queues(queue)
                .kinds(FleetWorkerMain.KIND)
                .rate(Rate.of(2, RATE_WINDOW))
                .build());
    List<JobSpec> specs = new ArrayList<>();
    for (int i = 0; i < CAPPED_JOBS; i++) {
      specs.add(JobSpec.builder(queue, FleetWorkerMain.OTHER_KIND).rateKey("A").build());
      specs.add(
          JobSpec.builder(queue, FleetWorkerMain.OTHER_KIND).rateKey("other-" + i % 10).build());
    }
    for (int i = 0; i < RATED_JOBS; i++) {
      specs.add(JobSpec.builder(queue, FleetWorkerMain.KIND).rateKey("A").build());
      specs.add(JobSpec.builder(queue, FleetWorkerMain.KIND).rateKey("B").build());
    }
    List<UUID> ids = store.enqueue(specs).stream().map(enqueued -> enqueued.id()).toList();

    await()
        .atMost(FINISH)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> count(JobState.COMPLETED) == specs.size());

    List<Job> capped = new ArrayList<>();
    List<Job> others = new ArrayList<>();
    Map<String, List<Instant>> starts = new TreeMap<>();
    for (UUID id : ids) {
      Job job = store.get(id).orElseThrow();
      if (job.kind().equals(FleetWorkerMain.KIND)) {
        starts.computeIfAbsent(job.rateKey(), key -> new ArrayList<>()).add(job.startedAt());
      } else if (job.rateKey().equals("A")) {
        capped.add(job);
      } else {
        others.add(job);
      }
    }
    assertThat(mostRunningAtOnce(capped))
        .as("key A's jobs running at once")
        .isBetween(1, LIMITED_SLOTS);
    assertThat(mostRunningAtOnce(others))
        .as("other keys' jobs running at once, beside key A's")
        .isGreaterThan(LIMITED_SLOTS);
    assertThat(starts).containsOnlyKeys("A", "B");
    starts.forEach(
        (key, times) -> {
          times.sort(null);
          assertThat(times).hasSize(RATED_JOBS);
          for (int i = 2; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 2), times.get(i)))
                .as("the window from start %d of key %s to start %d", i - 2, key, i)
                .isGreaterThanOrEqualTo(RATE_WINDOW);
          }
        });
  }

  /**
   * The most jobs whose runs, from {@code started_at} until {@code finished_at}, overlap at one
   * moment; a job that started in the millisecond another finished does not overlap it, as the
   * finish freed the slot first.
   */
  private static int mostRunningAtOnce(List<Job> jobs) {
    TreeMap<Instant, Integer> changes = new TreeMap<>();
    for (Job job : jobs) {
      changes.merge(job.startedAt(), 1, Integer::sum);
      changes.merge(job.finishedAt(), -1, Integer::sum);
    }
    int running = 0;
    int most = 0;
    for (int change : changes.values()) {
      running += change;
      most = Math.max(most, running);
    }
    return most;
  }

  /**
   * {@value #RUN_LAYERS} layers of {@value #RUN_WIDTH} steps, each depending on two steps of the
   * layer before: fan-out, fan-in and a long critical path in one run.
   */
  private RunSpec layeredRun() {
    RunSpec.Builder plan = RunSpec.builder("fleet").maxSteps(RUN_LAYERS * RUN_WIDTH);
    for (int layer = 0; layer < RUN_LAYERS; layer++) {
      for (int i = 0; i < RUN_WIDTH; i++) {
        StepSpec.Builder step =
            StepSpec.of(
                "l" + layer + "-" + i, JobSpec.builder(queue, FleetWorkerMain.KIND).build());
        if (layer > 0) {
          step.dependsOn(
              "l" + (layer - 1) + "-" + i, "l" + (layer - 1) + "-" + ((i + 1) % RUN_WIDTH));
        }
        plan.step(step);
      }
    }
    return plan.build();
  }

  /** Starts the fleet on every job; returns its first worker once that one ran a twentieth. */
  private FleetProcess victimWellUnderWay() throws Exception {
    startFleet(2);
    enqueueAll();
    FleetProcess victim = fleet.get(0);
    await()
        .atMost(FINISH)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> victim.runs().size() >= JOBS / 20);
    return victim;
  }

  /**
   * Freezes the victim at a moment it holds a lease it knows of: a job its handler ran (in its runs
   * file) that the store still shows active under it, its outcome not yet stored. Frozen between
   * claims, it would have nothing to be fenced out of; frozen inside a claim, the store may hold
   * jobs for it that it never received (PostgreSQL ends the open transaction; a Redis script has
   * run but its answer has not been read), which the victim then learns only as a failed claim.
   */
  private void freezeHoldingLeases(FleetProcess victim) {
    await()
        .atMost(FINISH)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              victim.freeze();
              if (holdsKnownLease(victim)) {
                return true;
              }
              victim.thaw();
              return false;
            });
  }

  private boolean holdsKnownLease(FleetProcess victim) throws IOException {
    Set<String> ran = new HashSet<>(victim.runs());
    return store
        .list(
            JobQuery.all()
                .withQueue(queue)
                .withState(JobState.ACTIVE)
                .withLimit(JobQuery.MAX_LIMIT))
        .jobs()
        .stream()
        .anyMatch(
            job -> victim.workerId().equals(job.workerId()) && ran.contains(job.id().toString()));
  }

  private void startFleet(long workMillis) throws Exception {
    Map<String, String> properties = new HashMap<>(storeProperties());
    properties.put("drover.fleet.factory", storeFactory().getName());
    properties.put("drover.fleet.queue", queue);
    properties.put("drover.fleet.concurrency", String.valueOf(CONCURRENCY));
    properties.put("drover.fleet.leaseMillis", String.valueOf(LEASE.toMillis()));
    properties.put("drover.fleet.workMillis", String.valueOf(workMillis));
    for (int i = 0; i < WORKERS; i++) {
      fleet.add(FleetProcess.start(queue + "-w" + i, dir, properties));
    }
    Set<String> ids = fleet.stream().map(FleetProcess::workerId).collect(Collectors.toSet());
    // Jobs go in only once all three are claiming, so the spread does not depend on JVM start-up.
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () ->
                store.workers().stream()
                    .map(w -> w.id())
                    .collect(Collectors.toSet())
                    .containsAll(ids));
  }

  private void enqueueAll() {
    for (int batch = 0; batch < JOBS / 1000; batch++) {
      List<JobSpec> specs = new ArrayList<>(1000);
      for (int i = 0; i < 1000; i++) {
        specs.add(JobSpec.builder(queue, FleetWorkerMain.KIND).build());
      }
      assertThat(store.enqueue(specs)).allMatch(e -> e.created());
    }
  }

  private void awaitAllCompleted() {
    await()
        .atMost(FINISH)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> count(JobState.COMPLETED) == JOBS);
  }

  private long count(JobState state) {
    return store.stats().stream()
        .filter(s -> s.queue().equals(queue))
        .mapToLong((QueueStats s) -> s.count(state))
        .sum();
  }

  private Map<String, List<String>> runsByWorker() throws Exception {
    Map<String, List<String>> runs = new HashMap<>();
    for (FleetProcess process : fleet) {
      runs.put(process.workerId(), process.runs());
    }
    return runs;
  }

  private static Map<String, Long> countRuns(Map<String, List<String>> runs) {
    return runs.values().stream()
        .flatMap(List::stream)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private java.util.Properties properties() {
    java.util.Properties properties = new java.util.Properties();
    properties.putAll(storeProperties());
    return properties;
  }
}
