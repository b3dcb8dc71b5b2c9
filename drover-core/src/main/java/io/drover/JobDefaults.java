package io.drover;

import java.time.Duration;

/**
 * What a job gets for each option its spec leaves unset (DESIGN §6). Servers build one from their
 * configuration; embedded use gets {@link #STANDARD}. Each option is held to the same {@link
 * Bounds} as a job's own.
 *
 * @param maxAttempts attempts before a job fails for good. Default: 3.
 * @param backoff delay between attempts. Default: exponential from 5 s, capped at 60 s.
 * @param timeout how long one attempt may run. Default: 30 s.
 * @param dedupWindow how long a de-duplication key holds. Default: 1 h.
 */
public record JobDefaults(
    int maxAttempts, Backoff backoff, Duration timeout, Duration dedupWindow) {
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofHours(1);

  public static final JobDefaults STANDARD =
      new JobDefaults(DEFAULT_MAX_ATTEMPTS, Backoff.DEFAULT, DEFAULT_TIMEOUT, DEFAULT_DEDUP_WINDOW);

  public JobDefaults {
    JobSpec.checkOptions(maxAttempts, backoff, timeout, dedupWindow);
  }
}
