package io.drover.server.config;

import io.drover.Backoff;
import io.drover.Bounds;
import io.drover.JobDefaults;
import java.time.Duration;

/**
 * What enqueued jobs get for the options they leave unset.
 *
 * @param maxAttempts attempts per job. Default: 3.
 * @param backoffBase ceiling of the first retry delay. Default: 5 s.
 * @param backoffMax cap on any retry delay. Default: 60 s.
 * @param timeout how long one attempt may run. Default: 30 s.
 */
public record JobSettings(
    int maxAttempts, Duration backoffBase, Duration backoffMax, Duration timeout) {

  public static final int DEFAULT_MAX_ATTEMPTS = JobDefaults.DEFAULT_MAX_ATTEMPTS;
  public static final Duration DEFAULT_BACKOFF_BASE = Backoff.DEFAULT.base();
  public static final Duration DEFAULT_BACKOFF_MAX = Backoff.DEFAULT.max();
  public static final Duration DEFAULT_TIMEOUT = JobDefaults.DEFAULT_TIMEOUT;

  public JobSettings {
    Checks.range("maxAttempts", maxAttempts, 1, Bounds.MAX_ATTEMPTS);
    Checks.between("backoffBase", backoffBase, Duration.ZERO, Bounds.MAX_RETRY_DELAY);
    Checks.between("backoffMax", backoffMax, Duration.ZERO, Bounds.MAX_RETRY_DELAY);
    if (backoffMax.compareTo(backoffBase) < 0) {
      throw new ConfigException(
          "backoffMax",
          "must be at least backoffBase (was "
              + backoffMax.toMillis()
              + " ms, base "
              + backoffBase.toMillis()
              + " ms)");
    }
    Checks.between("jobTimeout", timeout, Bounds.MIN_TIMEOUT, Bounds.MAX_TIMEOUT);
  }

  static JobSettings from(SettingValues settings) {
    return new JobSettings(
        settings.get(Setting.MAX_ATTEMPTS),
        settings.get(Setting.BACKOFF_BASE),
        settings.get(Setting.BACKOFF_MAX),
        settings.get(Setting.JOB_TIMEOUT));
  }

  /** These settings as the runtime takes them. */
  public JobDefaults jobDefaults() {
    return new JobDefaults(
        maxAttempts,
        new Backoff(backoffBase, backoffMax),
        timeout,
        JobDefaults.DEFAULT_DEDUP_WINDOW);
  }
}
