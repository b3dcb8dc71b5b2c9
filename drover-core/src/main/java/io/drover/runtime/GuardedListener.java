package io.drover.runtime;

import io.drover.Job;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link JobListener} whose failures are logged and go no further, so a broken listener can never
 * keep an outcome from the store or kill a pool thread.
 */
final class GuardedListener implements JobListener {
  private static final Logger log = LoggerFactory.getLogger(GuardedListener.class);

  private final JobListener delegate;

  private GuardedListener(JobListener delegate) {
    this.delegate = delegate;
  }

  static JobListener of(JobListener listener) {
    return listener == JobListener.NONE ? listener : new GuardedListener(listener);
  }

  @Override
  public void onStarted(Job job) {
    try {
      delegate.onStarted(job);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void onCompleted(Job job, Duration duration) {
    try {
      delegate.onCompleted(job, duration);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void onRetrying(Job job, Duration duration) {
    try {
      delegate.onRetrying(job, duration);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void onFailed(Job job, Duration duration) {
    try {
      delegate.onFailed(job, duration);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void failed(RuntimeException e) {
    log.warn("worker: job listener {} failed: {}", delegate.getClass().getName(), e.toString());
  }
}
