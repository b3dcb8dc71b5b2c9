package io.drover.store.memory;

import io.drover.workflow.StepSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** A run's step beside its job: the edges of the run and the count that unblocks it. */
final class StoredStep {
  static final Comparator<StoredStep> BY_WAKE_AT =
      Comparator.<StoredStep, Instant>comparing(step -> step.wakeAt)
          .thenComparing(step -> step.jobId);

  final UUID jobId;
  final UUID runId;
  final StepSpec spec;
  final List<UUID> children = new ArrayList<>();

  /** Parents that have not finished in a way that lets this step start. */
  int pending;

  /** When an armed timer fires or an armed signal gives up; null otherwise. */
  Instant wakeAt;

  /** True once a signal or timer step may be completed: its parents are done. */
  boolean armed;

  StoredStep(UUID runId, StepSpec spec) {
    this.jobId = spec.job().id();
    this.runId = runId;
    this.spec = spec;
  }

  String name() {
    return spec.name();
  }
}
