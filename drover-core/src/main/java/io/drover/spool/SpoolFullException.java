package io.drover.spool;

import io.drover.DroverException;
import java.time.Duration;

/**
 * The store is unreachable and the spool holds as much as it may: the enqueue was not taken. Try
 * again after {@link #retryAfter()}, when the forwarder may have made room.
 */
public final class SpoolFullException extends DroverException {
  /** How long a producer should wait before trying again. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(10);

  public SpoolFullException(int jobs, long bytes, SpoolConfig config, int refused) {
    super(
        "the store is unreachable and the spool is full ("
            + jobs
            + " of "
            + config.maxJobs()
            + " jobs, "
            + bytes
            + " of "
            + config.maxBytes()
            + " bytes); "
            + refused
            + " job(s) not taken, retry in "
            + RETRY_AFTER.toSeconds()
            + " s");
  }

  public Duration retryAfter() {
    return RETRY_AFTER;
  }
}
