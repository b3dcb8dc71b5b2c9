package io.drover.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.Job;
import io.drover.JobState;
import io.drover.limit.HeldKey;
import io.drover.limit.LimitSpec;
import io.drover.limit.LimitStore;
import io.drover.store.JobStore;

/**
 * Why a waiting job has not started: the first limit governing it whose caps hold its key back,
 * shown on the job as {@code held_by}: {@code {"limit", "next_start"}} (the time a rate lets the
 * key start again, or null under a concurrency cap).
 */
final class LimitHolds {
  private LimitHolds() {}

  /** Adds {@code held_by} to a waiting job's JSON when a limit holds it back. */
  static void addTo(ObjectNode json, Job job, JobStore store) {
    if (job.state() != JobState.WAITING || !store.supportsLimits()) {
      return;
    }
    LimitStore limits = store.limits();
    String key = job.rateKey() == null ? "" : job.rateKey();
    for (LimitSpec limit : limits.limits()) {
      if (!limit.caps() || !limit.governs(job.queue(), job.kind())) {
        continue;
      }
      HeldKey held =
          limits.limitStatus(limit.name()).stream()
              .flatMap(status -> status.held().stream())
              .filter(candidate -> candidate.key().equals(key))
              .findFirst()
              .orElse(null);
      if (held != null) {
        ObjectNode by = json.putObject("held_by");
        by.put("limit", limit.name());
        by.put("next_start", held.nextStart() == null ? null : held.nextStart().toString());
        return;
      }
    }
  }
}
