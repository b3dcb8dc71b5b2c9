package io.drover.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.InvalidJobException;
import io.drover.JobSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSpecTest {

  private static StepSpec.Builder step(String name, String... parents) {
    return StepSpec.of(name, JobSpec.builder("q", "k").build()).dependsOn(parents);
  }

  @Test
  void placedSteps_carryTheRunAndTheirParentsJobIds() {
    RunSpec spec = RunSpec.builder("plan").step(step("a")).step(step("b", "a")).build();

    StepSpec b = spec.steps().get(1);
    assertThat(b.job().runId()).isEqualTo(spec.id());
    assertThat(b.job().dependsOn()).containsExactly(spec.steps().get(0).job().id());
  }

  @Test
  void anUnknownParent_isRefusedNamingTheStepAndTheParent() {
    assertThatThrownBy(() -> RunSpec.builder("plan").step(step("b", "nope")).build())
        .isInstanceOf(InvalidJobException.class)
        .hasMessage("steps.b.depends_on: names no step of the run: 'nope'");
  }

  @Test
  void aDuplicateName_isRefused() {
    assertThatThrownBy(() -> RunSpec.builder("plan").step(step("a")).step(step("a")).build())
        .isInstanceOf(InvalidJobException.class)
        .hasMessage("steps.a: step name 'a' is taken");
  }

  @Test
  void aCycle_isRefusedNamingAStepInIt() {
    assertThatThrownBy(
            () ->
                RunSpec.builder("plan")
                    .step(step("root"))
                    .step(step("a", "root", "c"))
                    .step(step("b", "a"))
                    .step(step("c", "b"))
                    .build())
        .isInstanceOf(InvalidJobException.class)
        .hasMessageStartingWith("steps.a.depends_on: step 'a' is in, or waits on, a dependency");
  }

  @Test
  void aStepDependingOnItself_isRefused() {
    assertThatThrownBy(() -> step("a", "a").build())
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("depends on itself");
  }

  @Test
  void aLongChain_isCheckedWithoutADeepStack() {
    RunSpec.Builder plan = RunSpec.builder("chain").maxSteps(100_000);
    plan.step(step("s0"));
    for (int i = 1; i < 100_000; i++) {
      plan.step(step("s" + i, "s" + (i - 1)));
    }

    assertThat(plan.build().steps()).hasSize(100_000);
  }

  @Test
  void moreStepsThanTheRunAllows_isRefused_alsoWhenAddedLater() {
    assertThatThrownBy(
            () -> RunSpec.builder("plan").maxSteps(1).step(step("a")).step(step("b")).build())
        .isInstanceOf(InvalidJobException.class)
        .hasMessage("steps: a run holds at most 1 steps (this would make 2)");
    RunSpec spec = RunSpec.builder("plan").maxSteps(2).step(step("a")).build();
    Map<String, java.util.UUID> existing = Map.of("a", spec.steps().get(0).job().id());

    assertThat(PlanCheck.place(spec.id(), existing, java.util.List.of(step("b", "a").build()), 2))
        .hasSize(1);
    assertThatThrownBy(
            () ->
                PlanCheck.place(
                    spec.id(),
                    existing,
                    java.util.List.of(step("b").build(), step("c").build()),
                    2))
        .hasMessageStartingWith("steps: a run holds at most 2 steps");
  }

  @Test
  void aSignalWithADefaultButNoTimeout_isRefused() {
    assertThatThrownBy(() -> new StepWait.Signal("ok", null, "{}"))
        .isInstanceOf(InvalidJobException.class)
        .hasMessage("on_timeout: needs a timeout");
    assertThat(new StepWait.Timer(Duration.ofMinutes(1)).deadline()).hasMinutes(1);
  }

  @Test
  void aStepWithADedupKey_isRefused() {
    assertThatThrownBy(
            () -> StepSpec.of("a", JobSpec.builder("q", "k").dedupKey("x").build()).build())
        .isInstanceOf(InvalidJobException.class)
        .hasMessageStartingWith("dedup_key: ");
  }
}
