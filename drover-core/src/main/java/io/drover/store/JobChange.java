package io.drover.store;

import io.drover.JobState;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What an acknowledgement, a progress report or the reaper changed on one job, as the store left
 * it: enough for callers and watchers (job events) to tell what happened without reading the job
 * back, and without keeping the jobs they claimed.
 *
 * @param attempt the job's attempt count after the change: the attempt that ran, or, for a release,
 *     the count with that attempt given back
 * @param state the job's state after the change: {@code completed}; {@code retrying} or {@code
 *     failed} (a failed attempt, an expired lease, or a completion whose added steps were refused);
 *     {@code waiting} (released); {@code active} (progress)
 * @param retryAt when a {@code retrying} job becomes claimable again; null in every other state
 * @param error the message of the failed attempt the change recorded, whole; null when it recorded
 *     none
 * @param runId the run the job is a step of, or null: events tell when the step settled its run
 */
public record JobChange(
    UUID id,
    String queue,
    String kind,
    int attempt,
    JobState state,
    Instant retryAt,
    String error,
    UUID runId) {
  public JobChange {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(state, "state");
    if ((retryAt != null) != (state == JobState.RETRYING)) {
      throw new IllegalArgumentException(
          "retryAt is set for a retrying job and only for one (job " + id + " is " + state + ")");
    }
  }

  /** The change to a job that is no step of a run. */
  public JobChange(
      UUID id,
      String queue,
      String kind,
      int attempt,
      JobState state,
      Instant retryAt,
      String error) {
    this(id, queue, kind, attempt, state, retryAt, error, null);
  }
}
