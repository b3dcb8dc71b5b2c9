package io.drover.lifecycle;

import io.drover.Backoff;
import io.drover.Bounds;
import io.drover.Job;
import io.drover.JobError;
import io.drover.Outcome;
import io.drover.retry.RetryPolicy;
import io.drover.store.Acknowledgement;
import io.drover.store.Completion;
import io.drover.store.ExpiredLease;
import io.drover.store.Failure;
import io.drover.store.LeaseExpiry;
import io.drover.store.LeaseRef;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * The one place that decides what becomes of a job when an attempt ends (DESIGN §2): from the job
 * and what happened — the handler's returned outcome, an exception, a timeout, a failure reported
 * by a worker over HTTP, or a lease that ran out — it builds what the store records: a completion,
 * or a failed attempt with the time of the next one (null when none is left, so the job fails for
 * good). The in-process worker pool, the HTTP worker routes and every store's reaper call it, so a
 * job's fate never depends on which of them saw the end of its attempt.
 *
 * <p>It never throws for a job the store accepted: a retry time beyond {@link Bounds#LATEST_TIME}
 * saturates there, a time every store can keep.
 */
public final class JobFate implements LeaseExpiry {
  private final RandomGenerator random;

  /**
   * @param random draws the jitter of retry delays; it is called from every thread that ends an
   *     attempt, so it must be safe for concurrent use ({@link java.util.Random} is; a {@link
   *     java.util.SplittableRandom} suits a single-threaded test)
   */
  public JobFate(RandomGenerator random) {
    this.random = random;
  }

  /** After the handler returned {@code outcome} (null meaning done). */
  public Acknowledgement afterOutcome(Job job, Outcome outcome, Instant now) {
    return switch (outcome) {
      case null -> new Completion(job.lease(), null);
      case Outcome.Complete complete ->
          new Completion(job.lease(), complete.result(), complete.addSteps());
      case Outcome.RetryIn retry ->
          new Failure(
              job.lease(),
              new JobError(job.attempt(), retry.reason(), null, now),
              job.isLastAttempt() ? null : plus(now, retry.delay()));
      case Outcome.Fail fail ->
          new Failure(job.lease(), new JobError(job.attempt(), fail.reason(), null, now), null);
    };
  }

  /** After the handler threw. */
  public Failure afterException(Job job, Throwable thrown, Instant now) {
    return new Failure(job.lease(), JobError.of(job.attempt(), thrown, now), backoff(job, now));
  }

  /** After the handler ran past the job's timeout. */
  public Failure afterTimeout(Job job, Instant now) {
    String message = "timed out after " + job.timeout().toMillis() + " ms";
    return new Failure(
        job.lease(), new JobError(job.attempt(), message, null, now), backoff(job, now));
  }

  /**
   * After a worker reported a failure over HTTP.
   *
   * @param report what the worker said
   */
  public Failure afterReportedFailure(Job job, ReportedFailure report, Instant now) {
    // The type heads the stack as Throwable#toString() heads an in-process failure's.
    String stack = report.type() == null ? null : report.type() + ": " + report.message();
    JobError error = new JobError(job.attempt(), report.message(), stack, now);
    Instant retryAt;
    if (!report.retry() || job.isLastAttempt()) {
      retryAt = null;
    } else if (report.retryIn() != null) {
      retryAt = plus(now, report.retryIn());
    } else {
      retryAt = backoff(job, now);
    }
    return new Failure(job.lease(), error, retryAt);
  }

  /**
   * After the lease ran out: the worker died, froze, or could not reach the store for longer than
   * the lease. The attempt counts, as if the handler had failed (at-least-once delivery).
   */
  @Override
  public Failure failureOf(ExpiredLease lease, Instant now) {
    String message =
        "lease expired at "
            + lease.expiredAt()
            + ": worker "
            + lease.workerId()
            + " sent no heartbeat or outcome within the lease (it stopped, froze, or could not"
            + " reach the store)";
    JobError error = new JobError(lease.attempt(), message, null, now);
    return new Failure(
        lease.lease(),
        error,
        nextRunAt(lease.backoff(), lease.attempt(), lease.maxAttempts(), now));
  }

  @Override
  public Failure unreadable(
      LeaseRef lease, String workerId, RuntimeException problem, Instant now) {
    String message =
        "lease of worker "
            + workerId
            + " expired and the stored job could not be read ("
            + problem
            + "); failed for good";
    return new Failure(lease, new JobError(0, message, null, now), null);
  }

  private Instant backoff(Job job, Instant now) {
    return nextRunAt(job.backoff(), job.attempt(), job.maxAttempts(), now);
  }

  private Instant nextRunAt(Backoff backoff, int attempt, int maxAttempts, Instant now) {
    return RetryPolicy.nextRunAt(backoff, attempt, maxAttempts, now, random);
  }

  private static Instant plus(Instant now, Duration delay) {
    return Bounds.clampTime(Bounds.plus(now, delay));
  }
}
