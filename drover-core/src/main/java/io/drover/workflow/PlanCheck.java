package io.drover.workflow;

import io.drover.InvalidJobException;
import io.drover.JobSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Checks steps joining a run — all of a new run's, or those a running step adds — as a whole, and
 * places them in it: names unique in the run, every dependency a step of the run, no cycle, no more
 * steps than the run allows. Steps already in the run cannot depend on new ones, so a cycle can
 * only close among the new steps. Errors name the step, so a 400 says which one is wrong.
 */
public final class PlanCheck {
  private PlanCheck() {}

  /**
   * The steps, checked, each job given {@code runId} and its parents' job ids.
   *
   * @param existing the run's steps so far, by name: their job ids
   * @throws InvalidJobException naming the first step that breaks a rule
   */
  public static List<StepSpec> place(
      UUID runId, Map<String, UUID> existing, List<StepSpec> added, int maxSteps) {
    if ((long) existing.size() + added.size() > maxSteps) {
      throw new InvalidJobException(
          "steps",
          "a run holds at most "
              + maxSteps
              + " steps (this would make "
              + ((long) existing.size() + added.size())
              + ")");
    }
    Map<String, UUID> ids = new HashMap<>(existing);
    Set<UUID> jobIds = new HashSet<>(existing.values());
    for (StepSpec step : added) {
      if (ids.putIfAbsent(step.name(), step.job().id()) != null) {
        throw new InvalidJobException(stepField(step), "step name '" + step.name() + "' is taken");
      }
      if (!jobIds.add(step.job().id())) {
        throw new InvalidJobException(
            stepField(step) + ".id", "job id " + step.job().id() + " is used by another step");
      }
    }
    for (StepSpec step : added) {
      for (String parent : step.dependsOn()) {
        if (!ids.containsKey(parent)) {
          throw new InvalidJobException(
              stepField(step) + ".depends_on", "names no step of the run: '" + parent + "'");
        }
      }
    }
    requireAcyclic(added);
    List<StepSpec> placed = new ArrayList<>(added.size());
    for (StepSpec step : added) {
      List<UUID> parents = new ArrayList<>(step.dependsOn().size());
      step.dependsOn().forEach(parent -> parents.add(ids.get(parent)));
      placed.add(step.inRun(withRun(step.job(), runId, parents)));
    }
    return placed;
  }

  /**
   * Kahn's algorithm over the new steps only, iteratively, so a chain of 100,000 steps needs no
   * deep stack.
   */
  private static void requireAcyclic(List<StepSpec> added) {
    Map<String, StepSpec> byName = new HashMap<>();
    added.forEach(step -> byName.put(step.name(), step));
    Map<String, Integer> pending = new HashMap<>();
    Map<String, List<String>> children = new HashMap<>();
    for (StepSpec step : added) {
      int inRun = 0;
      for (String parent : step.dependsOn()) {
        if (byName.containsKey(parent)) {
          inRun++;
          children.computeIfAbsent(parent, name -> new ArrayList<>()).add(step.name());
        }
      }
      pending.put(step.name(), inRun);
    }
    Deque<String> ready = new ArrayDeque<>();
    for (StepSpec step : added) {
      if (pending.get(step.name()) == 0) {
        ready.add(step.name());
      }
    }
    int ordered = 0;
    while (!ready.isEmpty()) {
      String name = ready.poll();
      ordered++;
      for (String child : children.getOrDefault(name, List.of())) {
        if (pending.merge(child, -1, Integer::sum) == 0) {
          ready.add(child);
        }
      }
    }
    if (ordered < added.size()) {
      for (StepSpec step : added) {
        if (pending.get(step.name()) > 0) {
          throw new InvalidJobException(
              stepField(step) + ".depends_on",
              "step '" + step.name() + "' is in, or waits on, a dependency cycle");
        }
      }
    }
  }

  private static String stepField(StepSpec step) {
    return "steps." + step.name();
  }

  private static JobSpec withRun(JobSpec job, UUID runId, List<UUID> parents) {
    return new JobSpec(
        job.id(),
        job.queue(),
        job.kind(),
        job.payload(),
        job.priority(),
        job.runAt(),
        job.maxAttempts(),
        job.backoff(),
        job.timeout(),
        job.dedupKey(),
        job.dedupWindow(),
        job.rateKey(),
        job.tags(),
        runId,
        parents);
  }
}
