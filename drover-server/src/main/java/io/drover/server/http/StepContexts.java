package io.drover.server.http;

import io.drover.Job;
import io.drover.store.JobStore;
import io.drover.workflow.ParentResult;
import io.drover.workflow.RunHead;
import io.drover.workflow.WorkflowStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the steps among a claim's jobs read besides their payloads, fetched for the claim as a
 * whole: every step's parents in one store call, and each run's input once however many of its
 * steps came, so a claim of ten steps costs two reads, not twenty.
 */
final class StepContexts {
  private static final StepContexts NONE = new StepContexts(Map.of(), Map.of());

  private final Map<UUID, Map<String, ParentResult>> parents;
  private final Map<UUID, Optional<RunHead>> runs;

  private StepContexts(
      Map<UUID, Map<String, ParentResult>> parents, Map<UUID, Optional<RunHead>> runs) {
    this.parents = parents;
    this.runs = runs;
  }

  static StepContexts of(JobStore store, List<Job> jobs) {
    List<Job> steps = jobs.stream().filter(job -> job.runId() != null).toList();
    if (steps.isEmpty()) {
      return NONE;
    }
    WorkflowStore workflows = store.workflows();
    Map<UUID, Optional<RunHead>> runs = new HashMap<>();
    steps.forEach(step -> runs.computeIfAbsent(step.runId(), workflows::head));
    return new StepContexts(workflows.parentsOf(steps.stream().map(Job::id).toList()), runs);
  }

  /** The step's run's input (JSON), or null if the run is gone. */
  String runInput(Job step) {
    return runs.get(step.runId()).map(RunHead::input).orElse(null);
  }

  /** How each of the step's parents ended, by step name. */
  Map<String, ParentResult> parents(Job step) {
    return parents.getOrDefault(step.id(), Map.of());
  }
}
