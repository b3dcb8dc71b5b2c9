package io.drover.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.Drover;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.Outcome;
import io.drover.runtime.WorkerConfig;
import io.drover.store.memory.MemoryJobStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Runs through the public Java API: handlers read their parents and input, and fan out. */
class EmbeddedRunTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aPlan_fetchThenThreeAnalysesThenSummarize_seesEveryParentByName() {
    Map<String, Map<String, ParentResult>> seen = new ConcurrentHashMap<>();
    try (Drover drover =
        Drover.builder()
            .store(new MemoryJobStore())
            .handler("fetch", ctx -> Outcome.complete("\"<html>\""))
            .handler("analyze", ctx -> Outcome.complete(ctx.payload()))
            .handler(
                "summarize",
                ctx -> {
                  seen.put("summarize", ctx.parents());
                  return Outcome.complete(
                      "{\"goal\":" + ctx.runInput() + ",\"parents\":" + ctx.parents().size() + "}");
                })
            .worker(WorkerConfig.builder().queues("*").concurrency(4).build())
            .build()
            .start()) {
      RunSpec.Builder plan =
          RunSpec.builder("plan")
              .input("\"write a report\"")
              .step(StepSpec.of("fetch", JobSpec.builder("scrape", "fetch").build()));
      for (String aspect : List.of("tone", "facts", "links")) {
        plan.step(
            StepSpec.of(
                    aspect, JobSpec.builder("llm", "analyze").payload("\"" + aspect + "\"").build())
                .dependsOn("fetch"));
      }
      RunSpec spec =
          plan.step(
                  StepSpec.of("summarize", JobSpec.builder("llm", "summarize").build())
                      .dependsOn("tone", "facts", "links"))
              .build();

      drover.startRun(spec);

      Run run = awaitSettled(drover, spec);
      assertThat(run.state()).isEqualTo(RunState.COMPLETED);
      assertThat(run.output())
          .isEqualTo("{\"summarize\":{\"goal\":\"write a report\",\"parents\":3}}");
      assertThat(seen.get("summarize"))
          .isEqualTo(
              Map.of(
                  "tone", new ParentResult(JobState.COMPLETED, "\"tone\""),
                  "facts", new ParentResult(JobState.COMPLETED, "\"facts\""),
                  "links", new ParentResult(JobState.COMPLETED, "\"links\"")));
    }
  }

  @Test
  void aStep_addsStepsToItsRunWhenItCompletes() {
    try (Drover drover =
        Drover.builder()
            .store(new MemoryJobStore())
            .handler(
                "sitemap",
                ctx -> {
                  List<StepSpec> pages = new java.util.ArrayList<>();
                  List<String> names = new java.util.ArrayList<>();
                  for (int i = 0; i < 20; i++) {
                    names.add("page-" + i);
                    pages.add(
                        StepSpec.of(
                                "page-" + i,
                                JobSpec.builder("scrape", "page")
                                    .payload(Integer.toString(i))
                                    .build())
                            .dependsOn("sitemap")
                            .build());
                  }
                  pages.add(
                      StepSpec.of("join", JobSpec.builder("scrape", "join").build())
                          .dependsOn(names)
                          .build());
                  return Outcome.complete("20").addSteps(pages);
                })
            .handler("page", ctx -> Outcome.complete(ctx.payload()))
            .handler(
                "join",
                ctx -> {
                  int sum = 0;
                  for (int i = 0; i < 20; i++) {
                    sum += ctx.parentResult("page-" + i, Integer.class);
                  }
                  return Outcome.complete(Integer.toString(sum));
                })
            .worker(WorkerConfig.builder().queues("scrape").concurrency(4).build())
            .build()
            .start()) {
      RunSpec spec =
          RunSpec.builder("crawl")
              .step(StepSpec.of("sitemap", JobSpec.builder("scrape", "sitemap").build()))
              .build();

      drover.startRun(spec);

      Run run = awaitSettled(drover, spec);
      assertThat(run.state()).isEqualTo(RunState.COMPLETED);
      assertThat(run.steps()).hasSize(22);
      assertThat(run.output()).isEqualTo("{\"join\":190}");
    }
  }

  @Test
  void aTimerStep_firesThroughTheMaintenance_withoutAWorker() {
    try (Drover drover =
        Drover.builder()
            .store(new MemoryJobStore())
            .handler("noop", ctx -> Outcome.complete())
            .worker(WorkerConfig.builder().queues("work").concurrency(1).build())
            .build()
            .start()) {
      RunSpec spec =
          RunSpec.builder("drip")
              .step(StepSpec.waiting("pause", new StepWait.Timer(Duration.ofMillis(50))))
              .step(
                  StepSpec.of("after", JobSpec.builder("work", "noop").build()).dependsOn("pause"))
              .build();

      drover.startRun(spec);

      assertThat(awaitSettled(drover, spec).state()).isEqualTo(RunState.COMPLETED);
    }
  }

  private static Run awaitSettled(Drover drover, RunSpec spec) {
    return await()
        .atMost(WAIT)
        .until(
            () -> drover.runs().run(spec.id()).orElseThrow(),
            run -> run.state().isTerminal() && !run.counts().containsKey(JobState.ACTIVE));
  }
}
