package io.drover.store;

import io.drover.InvalidJobException;
import io.drover.JobSpec;
import io.drover.UnsupportedCapabilityException;
import java.util.List;

/**
 * The one place where a store's missing capabilities are refused, loudly and before anything is
 * written (STYLE: capabilities are explicit): every store and every caller asks here rather than
 * restating the check.
 */
public final class Capabilities {
  private Capabilities() {}

  /**
   * Refuses specs that claim to be steps ({@code run_id} or {@code depends_on}) on a plain enqueue:
   * steps join a run only through {@link io.drover.workflow.WorkflowStore#createRun} or a
   * completion that adds them, which is where their dependencies are checked.
   */
  public static void requirePlainJobs(List<JobSpec> specs) {
    for (JobSpec spec : specs) {
      if (spec.runId() != null || !spec.dependsOn().isEmpty()) {
        throw new InvalidJobException(
            spec.runId() != null ? "run_id" : "depends_on",
            "only steps of a run have one: create a run (POST /api/v1/runs) instead");
      }
    }
  }

  /** Refuses runs when {@code store} does not run workflows. */
  public static void requireWorkflows(JobStore store) {
    if (!store.supportsWorkflows()) {
      throw new UnsupportedCapabilityException(store.name(), "workflows (runs)");
    }
  }

  /** Refuses limits when {@code store} does not enforce them. */
  public static void requireLimits(JobStore store) {
    if (!store.supportsLimits()) {
      throw new UnsupportedCapabilityException(store.name(), "limits");
    }
  }

  /** Refuses schedules when {@code store} does not keep them. */
  public static void requireSchedules(JobStore store) {
    if (!store.supportsSchedules()) {
      throw new UnsupportedCapabilityException(store.name(), "schedules");
    }
  }
}
