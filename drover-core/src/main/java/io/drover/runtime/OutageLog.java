package io.drover.runtime;

import io.drover.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a loop that talks to the store says and how long it waits while the store is down: one WARN
 * when an outage starts, one INFO with its duration when it ends, nothing louder than DEBUG in
 * between, and a wait that doubles from {@code firstRetry} up to {@code maxRetry} so a dead store
 * is not hammered. A failure that is not an outage (a {@link io.drover.StoreFailureException}, a
 * bug) is logged each time with its stack, paced by the same backoff. One instance per loop; its
 * methods may be called from any thread.
 */
public final class OutageLog {
  /** Default: the first wait after a failure. */
  public static final Duration DEFAULT_FIRST_RETRY = Duration.ofMillis(500);

  /** Default: the longest wait between tries, so the store is seen back within this. */
  public static final Duration DEFAULT_MAX_RETRY = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(OutageLog.class);

  private final String component;
  private final InstantSource clock;
  private final Duration firstRetry;
  private final Duration maxRetry;
  private int failures;
  private Instant outageSince;

  /**
   * @param component how the log lines name the loop, e.g. {@code scheduler} or {@code worker w-1}
   */
  public OutageLog(String component, InstantSource clock, Duration firstRetry, Duration maxRetry) {
    if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
      throw new IllegalArgumentException(
          "maxRetry must be at least firstRetry, and firstRetry positive (was "
              + firstRetry.toMillis()
              + " ms, "
              + maxRetry.toMillis()
              + " ms)");
    }
    this.component = component;
    this.clock = clock;
    this.firstRetry = firstRetry;
    this.maxRetry = maxRetry;
  }

  /** With {@link #DEFAULT_FIRST_RETRY} and {@link #DEFAULT_MAX_RETRY}. */
  public OutageLog(String component, InstantSource clock) {
    this(component, clock, DEFAULT_FIRST_RETRY, DEFAULT_MAX_RETRY);
  }

  /**
   * Records a failed call.
   *
   * @return how long to wait before the next try
   */
  public synchronized Duration failed(Throwable error) {
    failures++;
    Duration wait = backoff(failures);
    if (error instanceof StoreUnavailableException) {
      if (outageSince == null) {
        outageSince = clock.instant();
        log.atWarn()
            .setMessage("{}: store unavailable, retrying with backoff up to {} ms: {}")
            .addArgument(component)
            .addArgument(maxRetry.toMillis())
            .addArgument(error.getMessage())
            .addKeyValue("component", component)
            .log();
      } else {
        log.debug("{}: store still unavailable, try {}: {}", component, failures, error.toString());
      }
    } else {
      log.atWarn()
          .setMessage("{}: failed, next try in {} ms")
          .addArgument(component)
          .addArgument(wait.toMillis())
          .addKeyValue("component", component)
          .setCause(error)
          .log();
    }
    return wait;
  }

  /** Records a call that worked; ends the outage, if one was on, with its duration. */
  public synchronized void succeeded() {
    if (outageSince != null) {
      long millis = Math.max(0, Duration.between(outageSince, clock.instant()).toMillis());
      log.atInfo()
          .setMessage("{}: store available again after {} ms ({} failed tries)")
          .addArgument(component)
          .addArgument(millis)
          .addArgument(failures)
          .addKeyValue("component", component)
          .addKeyValue("outage_ms", millis)
          .log();
      outageSince = null;
    }
    failures = 0;
  }

  /** True between a failure for unavailability and the next success. */
  public synchronized boolean inOutage() {
    return outageSince != null;
  }

  private Duration backoff(int failure) {
    int doublings = Math.min(failure - 1, 30);
    long millis = firstRetry.toMillis() << doublings;
    return millis <= 0 || millis > maxRetry.toMillis() ? maxRetry : Duration.ofMillis(millis);
  }
}
