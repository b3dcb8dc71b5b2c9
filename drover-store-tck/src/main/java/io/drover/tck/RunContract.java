package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drover.InvalidJobException;
import io.drover.Job;
import io.drover.JobError;
import io.drover.JobState;
import io.drover.store.CleanupRequest;
import io.drover.store.Completion;
import io.drover.store.Failure;
import io.drover.store.JobChange;
import io.drover.store.PurgeRequest;
import io.drover.store.Subscription;
import io.drover.workflow.ParentResult;
import io.drover.workflow.RunCreated;
import io.drover.workflow.RunHead;
import io.drover.workflow.RunNotFoundException;
import io.drover.workflow.RunOn;
import io.drover.workflow.RunQuery;
import io.drover.workflow.RunSpec;
import io.drover.workflow.RunState;
import io.drover.workflow.SignalOutcome;
import io.drover.workflow.StepOfRunException;
import io.drover.workflow.StepSpec;
import io.drover.workflow.StepWait;
import io.drover.workflow.WorkflowStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs: steps unblocked in the same operation that completes their last parent, failure and its
 * options, cancel and retry, steps added at run time, signals and timers, and retention of a run as
 * a whole. Each step runs in a queue of its own ({@code flow.<name>}) so a test claims exactly the
 * step it means.
 */
abstract class RunContract extends ContractArea {

  RunContract(JobStoreContract suite) {
    super(suite);
  }

  @BeforeEach
  void onlyWhereWorkflowsRun() {
    assumeTrue(store().supportsWorkflows(), store().name() + " store does not run workflows");
  }

  WorkflowStore runs() {
    return store().workflows();
  }

  @Test
  void createRun_startsStepsWithoutParentsWaiting_andTheRestBlocked() {
    RunSpec spec =
        RunSpec.builder("plan")
            .input("{\"goal\":\"summarize\"}")
            .step(step("fetch"))
            .step(step("summarize", "fetch"))
            .build();

    assertThat(runs().createRun(spec)).isEqualTo(new RunCreated(spec.id(), true));

    var run = runs().run(spec.id()).orElseThrow();
    assertThat(run.state()).isEqualTo(RunState.RUNNING);
    assertThat(run.name()).isEqualTo("plan");
    assertThat(run.input()).isEqualTo("{\"goal\":\"summarize\"}");
    assertThat(run.createdAt()).isEqualTo(now());
    assertThat(run.finishedAt()).isNull();
    assertThat(run.counts()).isEqualTo(Map.of(JobState.WAITING, 1, JobState.BLOCKED, 1));
    assertThat(run.steps()).extracting(s -> s.name()).containsExactly("fetch", "summarize");
    assertThat(runs().head(spec.id()))
        .contains(
            new RunHead(
                spec.id(), "plan", "{\"goal\":\"summarize\"}", RunState.RUNNING, now(), null));
    assertThat(runs().head(UUID.randomUUID())).isEmpty();
    assertThat(stepJob(spec, "summarize").runId()).isEqualTo(spec.id());
    assertThat(stepJob(spec, "summarize").dependsOn()).containsExactly(jobId(spec, "fetch"));
    assertThat(claim(10, "flow.*")).extracting(Job::id).containsExactly(jobId(spec, "fetch"));
  }

  @Test
  void createRun_twiceWithOneId_makesOneRun() {
    RunSpec spec = RunSpec.builder("plan").step(step("fetch")).build();
    runs().createRun(spec);

    assertThat(runs().createRun(spec)).isEqualTo(new RunCreated(spec.id(), false));
    assertThat(stats("flow.fetch").count(JobState.WAITING)).isEqualTo(1);
  }

  @Test
  void createRun_withAStepIdThatIsTaken_isRefused_andMakesNothing() {
    UUID taken = enqueue(Specs.spec("other"));
    RunSpec spec =
        RunSpec.builder("plan")
            .step(step("first"))
            .step(StepSpec.of("second", Specs.job("flow.second").id(taken).build()))
            .build();

    assertThatThrownBy(() -> runs().createRun(spec))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("second");
    assertThat(runs().run(spec.id())).isEmpty();
    assertThat(store().get(jobId(spec, "first"))).isEmpty();
  }

  @Test
  void aPlanWithNoSteps_isCompletedAtOnce() {
    RunSpec earlier = RunSpec.builder("empty").build();
    RunSpec spec = RunSpec.builder("empty").build();
    runs().createRun(earlier);
    runs().createRun(spec);

    var run = runs().run(spec.id()).orElseThrow();
    assertThat(run.state()).isEqualTo(RunState.COMPLETED);
    assertThat(run.finishedAt()).isEqualTo(now());
    assertThat(run.output()).isEqualTo("{}");
  }

  @Test
  void completingTheLastParent_makesTheChildClaimableInTheSameCall() {
    RunSpec spec =
        RunSpec.builder("chain").step(step("a")).step(step("b", "a")).step(step("c", "b")).build();
    runs().createRun(spec);
    assertThat(claim(10, "flow.b", "flow.c")).as("children before their parents").isEmpty();

    runStep(spec, "a", "{\"n\":1}");

    assertThat(stepJob(spec, "b").state()).isEqualTo(JobState.WAITING);
    assertThat(stepJob(spec, "c").state()).isEqualTo(JobState.BLOCKED);
    Job b = claimJob(jobId(spec, "b"), "flow.b");
    assertThat(runs().parents(b.id()))
        .isEqualTo(Map.of("a", new ParentResult(JobState.COMPLETED, "{\"n\":1}")));
  }

  @Test
  void aDiamond_startsItsJoinOnlyOnceBothBranchesCompleted_andTheJoinReadsBoth() {
    RunSpec spec =
        RunSpec.builder("diamond")
            .step(step("fetch"))
            .step(step("left", "fetch"))
            .step(step("right", "fetch"))
            .step(step("join", "left", "right"))
            .build();
    runs().createRun(spec);
    runStep(spec, "fetch", "1");
    runStep(spec, "left", "\"l\"");

    assertThat(stepJob(spec, "join").state()).isEqualTo(JobState.BLOCKED);
    runStep(spec, "right", "\"r\"");

    Job join = claimJob(jobId(spec, "join"), "flow.join");
    assertThat(runs().parents(join.id()))
        .isEqualTo(
            Map.of(
                "left", new ParentResult(JobState.COMPLETED, "\"l\""),
                "right", new ParentResult(JobState.COMPLETED, "\"r\"")));
    store().complete(List.of(new Completion(join.lease(), "{\"done\":true}")));
    var run = runs().run(spec.id()).orElseThrow();
    assertThat(run.state()).isEqualTo(RunState.COMPLETED);
    assertThat(run.finishedAt()).isEqualTo(now());
    assertThat(run.output()).isEqualTo("{\"join\":{\"done\":true}}");
    assertThat(run.counts()).isEqualTo(Map.of(JobState.COMPLETED, 4));
  }

  @Test
  void parentsOf_readsTheParentsOfSeveralSteps_withAnEntryForEveryIdAsked() {
    RunSpec spec =
        RunSpec.builder("fan")
            .step(step("fetch"))
            .step(step("left", "fetch"))
            .step(step("right", "fetch"))
            .build();
    runs().createRun(spec);
    runStep(spec, "fetch", "{\"pages\":2}");
    UUID plain = enqueue(Specs.spec("flow.plain"));

    var parents = runs().parentsOf(List.of(jobId(spec, "left"), jobId(spec, "fetch"), plain));

    Map<String, ParentResult> fetched =
        Map.of("fetch", new ParentResult(JobState.COMPLETED, "{\"pages\":2}"));
    assertThat(parents)
        .isEqualTo(
            Map.of(jobId(spec, "left"), fetched, jobId(spec, "fetch"), Map.of(), plain, Map.of()));
    assertThat(runs().parentsOf(List.of(jobId(spec, "right"))))
        .isEqualTo(Map.of(jobId(spec, "right"), fetched));
  }

  @Test
  void aStepThatFailsForGood_cancelsItsDescendantsNamingIt_andFailsTheRun_whileOtherBranchesRun() {
    RunSpec spec =
        RunSpec.builder("plan")
            .step(step("fetch"))
            .step(step("parse", "fetch"))
            .step(step("store", "parse"))
            .step(step("audit"))
            .build();
    runs().createRun(spec);

    failStep(spec, "fetch");

    assertThat(stepJob(spec, "parse").state()).isEqualTo(JobState.CANCELLED);
    assertThat(stepJob(spec, "store").state()).isEqualTo(JobState.CANCELLED);
    assertThat(stepJob(spec, "parse").errors())
        .extracting(JobError::message)
        .singleElement()
        .asString()
        .contains("'fetch'");
    assertThat(stepJob(spec, "store").errors())
        .extracting(JobError::message)
        .singleElement()
        .asString()
        .contains("'parse'");
    assertThat(runs().run(spec.id()).orElseThrow().state()).isEqualTo(RunState.FAILED);
    assertThat(stepJob(spec, "audit").state()).isEqualTo(JobState.WAITING);
    runStep(spec, "audit", null);
    assertThat(runs().run(spec.id()).orElseThrow().state()).isEqualTo(RunState.FAILED);
  }

  @Test
  void anOptionalStepThatFails_letsItsDependentsRun_andTheySeeItFailed() {
    RunSpec spec =
        RunSpec.builder("plan")
            .step(StepSpec.of("enrich", Specs.spec("flow.enrich")).optional(true))
            .step(step("publish", "enrich"))
            .build();
    runs().createRun(spec);

    failStep(spec, "enrich");

    Job publish = claimJob(jobId(spec, "publish"), "flow.publish");
    assertThat(runs().parents(publish.id()))
        .isEqualTo(Map.of("enrich", new ParentResult(JobState.FAILED, null)));
    store().complete(List.of(new Completion(publish.lease(), null)));
    assertThat(runs().run(spec.id()).orElseThrow().state()).isEqualTo(RunState.COMPLETED);
  }

  @Test
  void aStepThatRunsOnFinished_runsAfterItsParentFailed() {
    RunSpec spec =
        RunSpec.builder("plan")
            .step(step("charge"))
            .step(StepSpec.of("refund", Specs.spec("flow.refund")).dependsOn("charge"))
            .step(
                StepSpec.of("notify", Specs.spec("flow.notify"))
                    .dependsOn("charge")
                    .runOn(RunOn.FINISHED))
            .build();
    runs().createRun(spec);

    failStep(spec, "charge");

    assertThat(stepJob(spec, "refund").state()).isEqualTo(JobState.CANCELLED);
    assertThat(stepJob(spec, "notify").state()).isEqualTo(JobState.WAITING);
    runStep(spec, "notify", null);
    var run = runs().run(spec.id()).orElseThrow();
    assertThat(run.state()).isEqualTo(RunState.FAILED);
    assertThat(run.counts())
        .isEqualTo(Map.of(JobState.FAILED, 1, JobState.CANCELLED, 1, JobState.COMPLETED, 1));
  }

  @Test
  void aStepReapedWithNoAttemptsLeft_failsItsRunLikeAnyFailure() {
    RunSpec spec =
        RunSpec.builder("plan")
            .step(StepSpec.of("crash", Specs.job("flow.crash").maxAttempts(1).build()))
            .step(step("after", "crash"))
            .build();
    runs().createRun(spec);
    claimJob(jobId(spec, "crash"), "flow.crash");
    expireLease();

    assertThat(reap(10)).extracting(JobChange::id).containsExactly(jobId(spec, "crash"));

    assertThat(stepJob(spec, "after").state()).isEqualTo(JobState.CANCELLED);
    assertThat(runs().run(spec.id()).orElseThrow().state()).isEqualTo(RunState.FAILED);
  }

  @Test
  void cancellingAStep_cancelsItsDescendants_andFailsTheRun() {
    RunSpec spec = RunSpec.builder("plan").step(step("a")).step(step("b", "a")).build();
    runs().createRun(spec);

    assertThat(store().cancel(jobId(spec, "a"))).isTrue();

    assertThat(stepJob(spec, "b").state()).isEqualTo(JobState.CANCELLED);
    assertThat(runs().run(spec.id()).orElseThrow().state()).isEqualTo(RunState.FAILED);
  }

  @Test
  void cancelRun_cancelsEveryUnfinishedStep_andTheActiveOneLosesItsLease() {
    RunSpec spec =
        RunSpec.builder("plan")
            .step(step("done"))
            .step(step("active"))
            .step(step("blocked", "active"))
            .build();
    runs().createRun(spec);
    runStep(spec, "done", null);
    Job active = claimJob(jobId(spec, "active"), "flow.active");

    assertThat(runs().cancelRun(spec.id())).isTrue();

    assertThat(stepJob(spec, "done").state()).isEqualTo(JobState.COMPLETED);
    assertThat(stepJob(spec, "active").state()).isEqualTo(JobState.CANCELLED);
    assertThat(stepJob(spec, "blocked").state()).isEqualTo(JobState.CANCELLED);
    store().complete(List.of(new Completion(active.lease(), null)));
    assertThat(stepJob(spec, "active").state()).isEqualTo(JobState.CANCELLED);
    var run = runs().run(spec.id()).orElseThrow();
    assertThat(run.state()).isEqualTo(RunState.CANCELLED);
    assertThat(run.finishedAt()).isEqualTo(now());
    assertThat(runs().cancelRun(spec.id())).as("a second cancel").isFalse();
  }

  @Test
  void retryRun_armsFailedAndCancelledStepsAgain_keepingCompletedOnesAndTheirResults() {
    RunSpec spec =
        RunSpec.builder("plan")
            .step(step("fetch"))
            .step(StepSpec.of("parse", Specs.job("flow.parse").maxAttempts(1).build()))
            .step(step("store", "fetch", "parse"))
            .build();
    runs().createRun(spec);
    assertThat(runs().retryRun(spec.id())).as("retry of a running run").isFalse();
    runStep(spec, "fetch", "\"page\"");
    failStep(spec, "parse");
    assertThat(stepJob(spec, "store").state()).isEqualTo(JobState.CANCELLED);
    assertThat(runs().run(spec.id()).orElseThrow().state()).isEqualTo(RunState.FAILED);

    assertThat(runs().retryRun(spec.id())).isTrue();

    var run = runs().run(spec.id()).orElseThrow();
    assertThat(run.state()).isEqualTo(RunState.RUNNING);
    assertThat(run.finishedAt()).isNull();
    assertThat(stepJob(spec, "fetch").result()).isEqualTo("\"page\"");
    assertThat(stepJob(spec, "parse").state()).isEqualTo(JobState.WAITING);
    assertThat(stepJob(spec, "store").state()).isEqualTo(JobState.BLOCKED);
    runStep(spec, "parse", "\"parsed\"");
    runStep(spec, "store", null);
    assertThat(runs().run(spec.id()).orElseThrow().state()).isEqualTo(RunState.COMPLETED);
    assertThat(runs().retryRun(spec.id())).as("retry of a completed run").isFalse();
  }

  @Test
  void aCompletionThatAddsSteps_storesThemWithTheCompletion_andTheJoinWaitsForThemAll() {
    RunSpec spec = RunSpec.builder("crawl").step(step("sitemap")).build();
    runs().createRun(spec);
    Job sitemap = claimJob(jobId(spec, "sitemap"), "flow.sitemap");
    List<StepSpec> added =
        List.of(
            step("page-1", "sitemap").build(),
            step("page-2", "sitemap").build(),
            step("join", "page-1", "page-2").build());

    store().complete(List.of(new Completion(sitemap.lease(), "[1,2]", added)));

    var run = runs().run(spec.id()).orElseThrow();
    assertThat(run.steps())
        .extracting(s -> s.name())
        .containsExactly("sitemap", "page-1", "page-2", "join");
    assertThat(run.counts())
        .isEqualTo(Map.of(JobState.COMPLETED, 1, JobState.WAITING, 2, JobState.BLOCKED, 1));
    runStep(run.steps().get(1).job().id(), "flow.page-1", "1");
    runStep(run.steps().get(2).job().id(), "flow.page-2", "2");
    Job join = claimJob(run.steps().get(3).job().id(), "flow.join");
    assertThat(runs().parents(join.id())).containsOnlyKeys("page-1", "page-2");
    store().complete(List.of(new Completion(join.lease(), null)));
    assertThat(runs().run(spec.id()).orElseThrow().state()).isEqualTo(RunState.COMPLETED);
  }

  @Test
  void addedStepsThatBreakARule_failTheStepForGood_namingTheRule_andAddNothing() {
    RunSpec spec =
        RunSpec.builder("crawl").step(step("sitemap")).step(step("after", "sitemap")).build();
    runs().createRun(spec);
    Job sitemap = claimJob(jobId(spec, "sitemap"), "flow.sitemap");

    List<JobChange> answer =
        store()
            .complete(
                List.of(
                    new Completion(
                        sitemap.lease(), null, List.of(step("page", "nowhere").build()))));

    assertThat(answer)
        .singleElement()
        .satisfies(
            failedForGood -> {
              assertThat(failedForGood.state()).isEqualTo(JobState.FAILED);
              assertThat(failedForGood.error()).contains("nowhere");
            });
    Job failed = stepJob(spec, "sitemap");
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.errors())
        .extracting(JobError::message)
        .singleElement()
        .asString()
        .contains("nowhere");
    var run = runs().run(spec.id()).orElseThrow();
    assertThat(run.steps()).extracting(s -> s.name()).containsExactly("sitemap", "after");
    assertThat(run.state()).isEqualTo(RunState.FAILED);
  }

  @Test
  void aSignal_completesTheStepWaitingForIt_withItsBodyAsResult() {
    RunSpec spec =
        RunSpec.builder("approval")
            .step(step("draft"))
            .step(
                StepSpec.waiting("approve", new StepWait.Signal("approval", null, null))
                    .dependsOn("draft"))
            .step(step("publish", "approve"))
            .build();
    runs().createRun(spec);
    assertThat(runs().signal(spec.id(), "approval", "{}")).isEqualTo(SignalOutcome.NOT_WAITING_YET);
    runStep(spec, "draft", null);
    assertThat(claim(10, "*")).as("a signal step is never claimed").isEmpty();

    assertThat(runs().signal(spec.id(), "approval", "{\"by\":\"ana\"}"))
        .isEqualTo(SignalOutcome.DELIVERED);

    assertThat(stepJob(spec, "approve").state()).isEqualTo(JobState.COMPLETED);
    assertThat(stepJob(spec, "approve").result()).isEqualTo("{\"by\":\"ana\"}");
    assertThat(stepJob(spec, "publish").state()).isEqualTo(JobState.WAITING);
    assertThat(runs().signal(spec.id(), "approval", "{}"))
        .isEqualTo(SignalOutcome.ALREADY_FINISHED);
    assertThat(runs().signal(spec.id(), "payment", "{}")).isEqualTo(SignalOutcome.UNKNOWN_SIGNAL);
    assertThatThrownBy(() -> runs().signal(UUID.randomUUID(), "approval", "{}"))
        .isInstanceOf(RunNotFoundException.class);
  }

  @Test
  void aSignalThatDoesNotArriveInTime_failsTheStep_orCompletesItWithItsDefault() {
    RunSpec spec =
        RunSpec.builder("approval")
            .step(
                StepSpec.waiting(
                    "strict", new StepWait.Signal("strict", Duration.ofMinutes(5), null)))
            .step(
                StepSpec.waiting(
                    "lenient",
                    new StepWait.Signal("lenient", Duration.ofMinutes(10), "{\"approved\":false}")))
            .build();
    runs().createRun(spec);
    advance(Duration.ofMinutes(4));
    assertThat(runs().fireDueWaits(10)).isZero();

    advance(Duration.ofMinutes(2));
    assertThat(runs().fireDueWaits(10)).isEqualTo(1);
    assertThat(stepJob(spec, "strict").state()).isEqualTo(JobState.FAILED);
    assertThat(stepJob(spec, "strict").errors())
        .extracting(JobError::message)
        .singleElement()
        .asString()
        .contains("strict");
    advance(Duration.ofMinutes(5));
    assertThat(runs().fireDueWaits(10)).isEqualTo(1);

    assertThat(stepJob(spec, "lenient").state()).isEqualTo(JobState.COMPLETED);
    assertThat(stepJob(spec, "lenient").result()).isEqualTo("{\"approved\":false}");
    assertThat(runs().run(spec.id()).orElseThrow().state()).isEqualTo(RunState.FAILED);
  }

  @Test
  void stepsFinish_andRunsAreCancelled_whileAnotherRunWaitsForASignalWithATimeout() {
    RunSpec waiting =
        RunSpec.builder("approval")
            .step(
                StepSpec.waiting(
                    "approve", new StepWait.Signal("approval", Duration.ofHours(1), null)))
            .build();
    RunSpec other = RunSpec.builder("plan").step(step("a")).step(step("b")).build();
    runs().createRun(waiting);
    runs().createRun(other);

    runStep(other, "a", null);
    assertThat(runs().cancelRun(other.id())).isTrue();

    assertThat(stepJob(other, "b").state()).isEqualTo(JobState.CANCELLED);
    advance(Duration.ofHours(1));
    assertThat(runs().fireDueWaits(10)).isEqualTo(1);
    assertThat(stepJob(waiting, "approve").state()).isEqualTo(JobState.FAILED);
  }

  @Test
  void aTimer_completesItsDurationAfterItsParentsFinished_andHoldsNoWorker() {
    RunSpec spec =
        RunSpec.builder("drip")
            .step(step("welcome"))
            .step(
                StepSpec.waiting("wait", new StepWait.Timer(Duration.ofHours(1)))
                    .dependsOn("welcome"))
            .step(step("follow-up", "wait"))
            .build();
    runs().createRun(spec);
    advance(Duration.ofHours(2));
    assertThat(runs().fireDueWaits(10)).as("a timer starts when its parents finish").isZero();
    runStep(spec, "welcome", null);
    advance(Duration.ofMinutes(59));
    assertThat(runs().fireDueWaits(10)).isZero();
    assertThat(claim(10, "*")).isEmpty();

    advance(Duration.ofMinutes(1));
    assertThat(runs().fireDueWaits(10)).isEqualTo(1);

    assertThat(stepJob(spec, "wait").state()).isEqualTo(JobState.COMPLETED);
    runStep(spec, "follow-up", null);
    assertThat(runs().run(spec.id()).orElseThrow().state()).isEqualTo(RunState.COMPLETED);
  }

  @Test
  void aStep_isRemovedOnlyWithItsRun() {
    RunSpec spec = RunSpec.builder("plan").step(step("a")).step(step("b", "a")).build();
    runs().createRun(spec);
    runStep(spec, "a", null);

    assertThatThrownBy(() -> store().delete(jobId(spec, "a")))
        .isInstanceOf(StepOfRunException.class)
        .hasMessageContaining(spec.id().toString());
    assertThat(store().purge(new PurgeRequest("flow.a", JobState.COMPLETED))).isZero();
    advance(Duration.ofDays(30));
    store().cleanup(cleanup());
    assertThat(stepJob(spec, "a").state()).isEqualTo(JobState.COMPLETED);
    assertThat(runs().deleteRun(spec.id())).as("delete of a running run").isFalse();

    runStep(spec, "b", null);
    assertThat(runs().deleteRun(spec.id())).isTrue();

    assertThat(runs().run(spec.id())).isEmpty();
    assertThat(store().get(jobId(spec, "a"))).isEmpty();
    assertThat(store().get(jobId(spec, "b"))).isEmpty();
    assertThatThrownBy(() -> runs().deleteRun(spec.id())).isInstanceOf(RunNotFoundException.class);
  }

  @Test
  void retention_removesAFinishedRunWithAllItsSteps_andKeepsOthers() {
    RunSpec finished = RunSpec.builder("old").step(step("a")).step(step("b", "a")).build();
    RunSpec running = RunSpec.builder("young").step(step("c")).build();
    runs().createRun(finished);
    runs().createRun(running);
    runStep(finished, "a", null);
    runStep(finished, "b", null);
    advance(Duration.ofDays(8));

    assertThat(store().cleanup(cleanup())).isEqualTo(2);

    assertThat(runs().run(finished.id())).isEmpty();
    assertThat(store().get(jobId(finished, "a"))).isEmpty();
    assertThat(store().get(jobId(finished, "b"))).isEmpty();
    assertThat(runs().run(running.id())).isPresent();
    assertThat(stepJob(running, "c").state()).isEqualTo(JobState.WAITING);
  }

  @Test
  void runs_listsNewestFirst_filteredByStateAndName_onePageAtATime() {
    RunSpec first = RunSpec.builder("nightly").build();
    RunSpec second = RunSpec.builder("nightly").step(step("a")).build();
    RunSpec third = RunSpec.builder("adhoc").step(step("b")).build();
    runs().createRun(first);
    runs().createRun(second);
    runs().createRun(third);

    var page = runs().runs(RunQuery.all().withLimit(2));
    assertThat(page.runs()).extracting(r -> r.id()).containsExactly(third.id(), second.id());
    assertThat(page.runs()).allSatisfy(r -> assertThat(r.steps()).isEmpty());
    assertThat(runs().runs(RunQuery.all().withLimit(2).withCursor(page.nextCursor())).runs())
        .extracting(r -> r.id())
        .containsExactly(first.id());
    assertThat(runs().runs(RunQuery.all().withName("nightly").withState(RunState.RUNNING)).runs())
        .extracting(r -> r.id())
        .containsExactly(second.id());
    assertThat(page.runs().get(0).counts()).isEqualTo(Map.of(JobState.WAITING, 1));
  }

  @Test
  void aStepMadeClaimableByItsParent_wakesItsQueue() {
    assumeTrue(store().supportsWakeups(), store().name() + " store does not push wake-ups");
    RunSpec spec = RunSpec.builder("chain").step(step("a")).step(step("b", "a")).build();
    runs().createRun(spec);
    Job a = claimJob(jobId(spec, "a"), "flow.a");
    Queue<String> heard = new ConcurrentLinkedQueue<>();
    try (Subscription subscription = store().subscribe(heard::add)) {
      store().complete(List.of(new Completion(a.lease(), null)));

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(heard).contains("flow.b"));
    }
  }

  @Test
  void runsFinishingOneAfterAnother_eachSettle() {
    RunSpec first = RunSpec.builder("first").step(step("a")).build();
    RunSpec second = RunSpec.builder("second").step(step("b")).build();
    RunSpec third = RunSpec.builder("third").step(step("c")).build();
    runs().createRun(first);
    runs().createRun(second);
    runs().createRun(third);

    runStep(first, "a", null);
    runStep(second, "b", null);
    assertThat(runs().cancelRun(third.id())).isTrue();

    assertThat(runs().run(first.id()).orElseThrow().state()).isEqualTo(RunState.COMPLETED);
    assertThat(runs().run(second.id()).orElseThrow().state()).isEqualTo(RunState.COMPLETED);
    assertThat(runs().run(third.id()).orElseThrow().state()).isEqualTo(RunState.CANCELLED);
  }

  @Test
  void completingSeveralParentsOfAJoinInOneCall_releasesItOnce_afterTheLast() {
    RunSpec spec =
        RunSpec.builder("fan-in")
            .step(step("a"))
            .step(step("b"))
            .step(step("c"))
            .step(step("join", "a", "b", "c"))
            .build();
    runs().createRun(spec);
    Job a = claimJob(jobId(spec, "a"), "flow.a");
    Job b = claimJob(jobId(spec, "b"), "flow.b");
    Job c = claimJob(jobId(spec, "c"), "flow.c");

    store().complete(List.of(new Completion(a.lease(), "1"), new Completion(b.lease(), "2")));
    assertThat(stepJob(spec, "join").state()).isEqualTo(JobState.BLOCKED);
    store().complete(List.of(new Completion(c.lease(), "3")));

    Job join = claimJob(jobId(spec, "join"), "flow.join");
    assertThat(runs().parents(join.id())).containsOnlyKeys("a", "b", "c");
    assertThat(claim(10, "flow.*")).isEmpty();
  }

  @Test
  void aBatchCompletingEveryParentOfSeveralJoins_armsEachJoinOnce() {
    RunSpec.Builder plan = RunSpec.builder("fan-in");
    List<String> parents = List.of("p1", "p2", "p3", "p4");
    parents.forEach(name -> plan.step(StepSpec.of(name, Specs.spec("flow.parents"))));
    RunSpec spec =
        plan.step(StepSpec.of("left", Specs.spec("flow.joins")).dependsOn(parents))
            .step(StepSpec.of("right", Specs.spec("flow.joins")).dependsOn(parents))
            .build();
    runs().createRun(spec);
    List<Job> claimed = claim(10, "flow.parents");
    assertThat(claimed).hasSize(4);

    store().complete(claimed.stream().map(parent -> new Completion(parent.lease(), "1")).toList());

    assertThat(claim(10, "flow.joins"))
        .extracting(Job::id)
        .containsExactlyInAnyOrder(jobId(spec, "left"), jobId(spec, "right"));
  }

  @Test
  void retryNowOfAStepThatFailed_isRefused_theRunIsRetriedInstead() {
    RunSpec spec =
        RunSpec.builder("plan")
            .step(StepSpec.of("fetch", Specs.job("flow.fetch").maxAttempts(1).build()))
            .build();
    runs().createRun(spec);
    failStep(spec, "fetch");

    assertThatThrownBy(() -> store().retryNow(jobId(spec, "fetch")))
        .isInstanceOf(StepOfRunException.class)
        .hasMessageContaining(spec.id().toString());
    assertThat(stepJob(spec, "fetch").state()).isEqualTo(JobState.FAILED);
  }

  @Test
  void cancellingAStepThatWaitsForASignal_stopsItsClock_andFailsTheRun() {
    RunSpec spec =
        RunSpec.builder("approval")
            .step(
                StepSpec.waiting(
                    "approve", new StepWait.Signal("approval", Duration.ofMinutes(5), "true")))
            .build();
    runs().createRun(spec);

    assertThat(store().cancel(jobId(spec, "approve"))).isTrue();
    advance(Duration.ofMinutes(6));

    assertThat(runs().fireDueWaits(10)).isZero();
    assertThat(stepJob(spec, "approve").state()).isEqualTo(JobState.CANCELLED);
    assertThat(runs().signal(spec.id(), "approval", "{}"))
        .isEqualTo(SignalOutcome.ALREADY_FINISHED);
    assertThat(runs().run(spec.id()).orElseThrow().state()).isEqualTo(RunState.FAILED);
  }

  @Test
  void aStepAddedBehindAStepThatFailed_isCancelledAtOnce_unlessItRunsOnFinished() {
    RunSpec spec =
        RunSpec.builder("crawl")
            .step(StepSpec.of("probe", Specs.job("flow.probe").maxAttempts(1).build()))
            .step(step("sitemap"))
            .build();
    runs().createRun(spec);
    failStep(spec, "probe");
    Job sitemap = claimJob(jobId(spec, "sitemap"), "flow.sitemap");
    List<StepSpec> added =
        List.of(
            step("page", "probe").build(),
            StepSpec.of("report", Specs.spec("flow.report"))
                .dependsOn("probe")
                .runOn(RunOn.FINISHED)
                .build());

    store().complete(List.of(new Completion(sitemap.lease(), null, added)));

    var run = runs().run(spec.id()).orElseThrow();
    assertThat(run.steps().get(2).job().state()).isEqualTo(JobState.CANCELLED);
    assertThat(run.steps().get(2).job().errors())
        .extracting(JobError::message)
        .singleElement()
        .asString()
        .contains("'probe'");
    assertThat(run.steps().get(3).job().state()).isEqualTo(JobState.WAITING);
    runStep(run.steps().get(3).job().id(), "flow.report", null);
    assertThat(runs().run(spec.id()).orElseThrow().state()).isEqualTo(RunState.FAILED);
  }

  // ---- steps of the fixture ----

  /** A step running in its own queue {@code flow.<name>}, depending on {@code parents}. */
  static StepSpec.Builder step(String name, String... parents) {
    return StepSpec.of(name, Specs.spec("flow." + name)).dependsOn(parents);
  }

  static UUID jobId(RunSpec spec, String step) {
    return spec.steps().stream()
        .filter(s -> s.name().equals(step))
        .findFirst()
        .orElseThrow()
        .job()
        .id();
  }

  Job stepJob(RunSpec spec, String step) {
    return job(jobId(spec, step));
  }

  /** Claims the step from its queue and completes it with {@code result}. */
  void runStep(RunSpec spec, String step, String result) {
    runStep(jobId(spec, step), "flow." + step, result);
  }

  void runStep(UUID jobId, String queue, String result) {
    Job claimed = claimJob(jobId, queue);
    store().complete(List.of(new Completion(claimed.lease(), result)));
    assertThat(job(jobId).state()).isEqualTo(JobState.COMPLETED);
  }

  /** Claims the step and fails it for good. */
  void failStep(RunSpec spec, String step) {
    Job claimed = claimJob(jobId(spec, step), "flow." + step);
    store().fail(List.of(new Failure(claimed.lease(), Specs.error(claimed, "boom", now()), null)));
    assertThat(job(claimed.id()).state()).isEqualTo(JobState.FAILED);
  }

  static CleanupRequest cleanup() {
    return new CleanupRequest(Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(7), 1_000);
  }
}
