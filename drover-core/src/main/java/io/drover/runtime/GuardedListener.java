package io.drover.runtime;

import io.drover.Job;
import io.drover.store.Listeners;
import java.time.Duration;

/**
 * A {@link JobListener} whose failures are logged and go no further, so a broken listener can never
 * keep an outcome from the store or kill a pool thread.
 */
final class GuardedListener implements JobListener {
  private final Listeners<JobListener> delegate = new Listeners<>("worker: job listener");

  private GuardedListener(JobListener listener) {
    delegate.add(listener);
  }

  static JobListener of(JobListener listener) {
    return listener == JobListener.NONE ? listener : new GuardedListener(listener);
  }

  @Override
  public void onStarted(Job job) {
    delegate.forEach(listener -> listener.onStarted(job));
  }

  @Override
  public void onCompleted(Job job, Duration duration) {
    delegate.forEach(listener -> listener.onCompleted(job, duration));
  }

  @Override
  public void onRetrying(Job job, Duration duration) {
    delegate.forEach(listener -> listener.onRetrying(job, duration));
  }

  @Override
  public void onFailed(Job job, Duration duration) {
    delegate.forEach(listener -> listener.onFailed(job, duration));
  }
}
