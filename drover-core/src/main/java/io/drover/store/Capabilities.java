package io.drover.store;

import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.UnsupportedCapabilityException;
import java.util.List;

/**
 * The one place where a store's missing capabilities are refused, loudly and before anything is
 * written (STYLE: capabilities are explicit): every store and every caller asks here rather than
 * restating the check.
 */
public final class Capabilities {
  private Capabilities() {}

  /** Refuses specs with {@code depends_on} when {@code store} does not run workflows. */
  public static void requireWorkflowsFor(JobStore store, List<JobSpec> specs) {
    if (store.supportsWorkflows()) {
      return;
    }
    for (JobSpec spec : specs) {
      if (!spec.dependsOn().isEmpty()) {
        throw new UnsupportedCapabilityException(store.name(), "workflows (depends_on)");
      }
    }
  }

  /** Refuses {@code blocked} jobs (a purge of them) when {@code store} does not run workflows. */
  public static void requireWorkflowsFor(JobStore store, JobState state) {
    if (state == JobState.BLOCKED && !store.supportsWorkflows()) {
      throw new UnsupportedCapabilityException(store.name(), "workflows (blocked jobs)");
    }
  }

  /** Refuses schedules when {@code store} does not keep them. */
  public static void requireSchedules(JobStore store) {
    if (!store.supportsSchedules()) {
      throw new UnsupportedCapabilityException(store.name(), "schedules");
    }
  }
}
