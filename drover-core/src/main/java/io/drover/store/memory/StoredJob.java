package io.drover.store.memory;

import io.drover.Job;
import io.drover.JobError;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.Progress;
import io.drover.store.JobChange;
import io.drover.store.JobOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A job as the memory store keeps it: the spec's fields plus a mutable outcome. Only {@link
 * MemoryJobStore} changes one, under its lock, and only while the job is out of every index,
 * because the indexes are sorted by the mutable times.
 */
final class StoredJob {
  /** Claim order inside one priority level: earliest run_at, then smallest id. */
  static final Comparator<StoredJob> BY_RUN_AT =
      Comparator.<StoredJob, Instant>comparing(job -> job.runAt).thenComparing(StoredJob::byId);

  /** Claim order across queues: highest priority first, then {@link #BY_RUN_AT}. */
  static final Comparator<StoredJob> CLAIM_ORDER =
      Comparator.<StoredJob>comparingInt(job -> -job.spec.priority()).thenComparing(BY_RUN_AT);

  static final Comparator<StoredJob> BY_LEASE_EXPIRY =
      Comparator.<StoredJob, Instant>comparing(job -> job.leaseExpiresAt)
          .thenComparing(StoredJob::byId);

  static final Comparator<StoredJob> BY_FINISHED_AT =
      Comparator.<StoredJob, Instant>comparing(job -> job.finishedAt)
          .thenComparing(StoredJob::byId);

  final JobSpec spec;
  final Instant createdAt;
  // Built once: claims and index changes read it for every job they touch.
  private final String lane;
  JobState state;
  int attempt;
  int maxAttempts;
  Instant runAt;
  Progress progress;
  String result;
  List<JobError> errors = List.of();
  String workerId;
  long leaseToken;
  Instant leaseExpiresAt;
  Instant startedAt;
  Instant finishedAt;

  StoredJob(JobSpec spec, Instant runAt, Instant createdAt) {
    this.spec = spec;
    this.createdAt = createdAt;
    this.lane = spec.kind() + '\u0000' + rateKey();
    this.runAt = runAt;
    this.maxAttempts = spec.maxAttempts();
    this.state = runAt.isAfter(createdAt) ? JobState.SCHEDULED : JobState.WAITING;
  }

  UUID id() {
    return spec.id();
  }

  String queue() {
    return spec.queue();
  }

  /**
   * The lane the job waits in within its priority: one per kind and key, so a limit that governs
   * one kind never holds back a key's jobs of another.
   */
  String lane() {
    return lane;
  }

  /** The key limits count the job under: its rate_key, or the empty key all jobs without share. */
  String rateKey() {
    return spec.rateKey() == null ? "" : spec.rateKey();
  }

  /** True for a step of a run, which is cleaned up, deleted and purged only with its run. */
  boolean isStep() {
    return spec.runId() != null;
  }

  /** Ends the job in a terminal state; a lease it had is gone. */
  void finish(JobState terminal, Instant now) {
    state = terminal;
    finishedAt = now;
    leaseExpiresAt = null;
  }

  /** Completes the job with {@code result}. */
  void complete(String result, Instant now) {
    this.result = result;
    finish(JobState.COMPLETED, now);
  }

  boolean isHeldUnder(long token) {
    return state == JobState.ACTIVE && leaseToken == token;
  }

  void addError(JobError error) {
    List<JobError> grown = new ArrayList<>(errors.size() + 1);
    grown.addAll(errors);
    grown.add(error);
    // Kept immutable so snapshots share the list instead of copying it.
    errors = List.copyOf(grown);
  }

  /**
   * The port's answer for a change just made to this job. A job that a change moved to retrying or
   * failed got the failed attempt's error appended by it.
   */
  JobChange change() {
    boolean attemptFailed = state == JobState.RETRYING || state == JobState.FAILED;
    return new JobChange(
        id(),
        queue(),
        spec.kind(),
        attempt,
        state,
        state == JobState.RETRYING ? runAt : null,
        attemptFailed && !errors.isEmpty() ? errors.getLast().message() : null,
        spec.runId());
  }

  Job snapshot() {
    return new Job(
        spec.id(),
        spec.queue(),
        spec.kind(),
        spec.payload(),
        spec.priority(),
        state,
        attempt,
        maxAttempts,
        spec.backoff(),
        spec.timeout(),
        runAt,
        spec.dedupKey(),
        spec.rateKey(),
        spec.tags(),
        spec.runId(),
        spec.dependsOn(),
        progress,
        result,
        errors,
        workerId,
        leaseToken,
        leaseExpiresAt,
        createdAt,
        startedAt,
        finishedAt);
  }

  private static int byId(StoredJob a, StoredJob b) {
    return JobOrder.compareIds(a.id(), b.id());
  }
}
