package io.drover.runtime;

import io.drover.Job;
import java.time.Duration;

/**
 * Hears what becomes of the attempts a {@link WorkerPool} runs, e.g. to count them in metrics, so
 * core needs no metrics library. The pool calls it on the job's thread (the timer's, for a timeout)
 * just before handing the outcome to the store, so by the time the store shows an outcome its
 * listener has heard it. A listener must return quickly and not block; what it throws is logged and
 * ignored.
 *
 * <p>{@code duration} is the attempt's wall time, from claim to outcome. An attempt whose lease was
 * lost or that was released at shutdown has no outcome and is not reported.
 */
public interface JobListener {
  /** Listens to nothing. */
  JobListener NONE = new JobListener() {};

  /** A claimed job is about to be handed to its handler. */
  default void onStarted(Job job) {}

  /** The handler completed the job. */
  default void onCompleted(Job job, Duration duration) {}

  /** The attempt failed (thrown, timed out, or a retry asked for) and the job will run again. */
  default void onRetrying(Job job, Duration duration) {}

  /** The attempt failed and the job will not run again: no attempts left, or failed for good. */
  default void onFailed(Job job, Duration duration) {}
}
