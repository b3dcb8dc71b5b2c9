package io.drover;

import io.drover.store.LeaseRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job as the store holds it: the spec it was enqueued with and its outcome so far (DESIGN §3).
 *
 * @param attempt attempts started so far; a claim adds one, a release on shutdown takes it back
 * @param progress the last progress a handler reported, or null
 * @param result the handler's JSON result once completed, or null
 * @param errors one entry per failed attempt, oldest first
 * @param workerId the worker holding the lease while active, else the last one that held it
 * @param leaseToken the fencing token of the current or last lease; each claim issues a larger one
 * @param leaseExpiresAt while active: when the lease runs out unless heartbeated
 */
public record Job(
    UUID id,
    String queue,
    String kind,
    String payload,
    int priority,
    JobState state,
    int attempt,
    int maxAttempts,
    Backoff backoff,
    Duration timeout,
    Instant runAt,
    String dedupKey,
    String rateKey,
    List<String> tags,
    UUID runId,
    List<UUID> dependsOn,
    Progress progress,
    String result,
    List<JobError> errors,
    String workerId,
    long leaseToken,
    Instant leaseExpiresAt,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {

  public Job {
    tags = List.copyOf(tags);
    dependsOn = List.copyOf(dependsOn);
    errors = List.copyOf(errors);
  }

  /** The lease this job is held under; meaningful while {@link JobState#ACTIVE}. */
  public LeaseRef lease() {
    return new LeaseRef(id, leaseToken);
  }

  /** True when this attempt is the last one allowed. */
  public boolean isLastAttempt() {
    return attempt >= maxAttempts;
  }
}
