package io.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.store.memory.MemoryJobStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every scenario, tiny, on the memory store: the harness runs and checks; no timings asserted. */
class BenchTest {
  private static final Map<Scenario, List<String>> OWN_METRICS =
      Map.of(
          Scenario.ENQUEUE, List.of("enqueue_one_per_s", "enqueue_batch_per_s"),
          Scenario.DRAIN,
              List.of("jobs_per_s", "drain_ms", "jobs_per_claim", "jobs_per_ack", "fill_ms"),
          Scenario.STEADY,
              List.of(
                  "arrival_per_s",
                  "latency_p50_us",
                  "latency_p95_us",
                  "latency_p99_us",
                  "latency_max_us"),
          Scenario.BACKLOG, List.of("jobs_per_s", "seed_s", "seed_jobs_per_s"),
          Scenario.WORKFLOW,
              List.of(
                  "steps_per_s",
                  "chain_steps_per_s",
                  "handoff_p50_ms",
                  "handoff_p99_ms",
                  "handoff_max_ms"),
          Scenario.LIMITS,
              List.of(
                  "unlimited_jobs_per_s",
                  "capped_jobs_per_s",
                  "capped_ratio",
                  "beside_hot_jobs_per_s",
                  "beside_hot_ratio",
                  "hot_starts_per_s"),
          Scenario.MIXED,
              List.of(
                  "arrival_per_s", "drain_per_s", "completed_ratio", "backlog_max", "backlog_end"));

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void scenario_printsResultLines_andEveryJobRanExactlyOnce(Scenario scenario) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BenchOptions options =
        BenchOptions.builder()
            .scenarios(List.of(scenario))
            .jobs(200)
            .batchSize(50)
            .producers(4)
            .rate(200)
            .duration(Duration.ofSeconds(1))
            .history(500)
            .backlog(200)
            .build();

    List<Report> reports =
        new Bench(
                options,
                MemoryJobStore::new,
                null,
                Progress.NONE,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err)
            .run();

    assertThat(reports).singleElement().satisfies(report -> assertThat(report.passed()).isTrue());
    String printed = out.toString(StandardCharsets.UTF_8);
    String prefix = "RESULT store=memory scenario=" + scenario.wireName() + " metric=";
    assertThat(printed).contains(prefix + "exactly_once value=1.0");
    assertThat(printed).contains(prefix + "lost value=0.0", prefix + "duplicated value=0.0");
    for (String metric : OWN_METRICS.get(scenario)) {
      assertThat(printed).containsPattern(prefix + metric + " value=\\d+\\.(\\d|\\d{3})\n");
    }
    assertThat(printed).containsPattern(prefix + "peak_heap_mb value=\\d+\\.\\d\n");
  }
}
