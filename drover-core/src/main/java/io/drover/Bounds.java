package io.drover;

import java.time.Duration;
import java.time.Instant;

/**
 * The bounds of every time-like and count-like input, in one place. They are checked where the
 * model is built ({@link JobSpec}, {@link JobDefaults}, {@link io.drover.schedule.Schedule}, {@link
 * io.drover.runtime.WorkerConfig}), so the Java API, the HTTP API, the CLI and schedule templates
 * refuse the same values in the same words, naming the field and the bound. Every bound sits far
 * inside what {@link Instant}, a millisecond {@code long} and each store can hold (Redis claim
 * scores span about 4,400 years either side of 1970), so arithmetic on accepted values (now plus a
 * delay, a backoff doubled a thousand times, a lease's end) cannot overflow.
 */
public final class Bounds {
  /** The earliest {@code run_at}, {@code start_at} or {@code end_at}: the Unix epoch. */
  public static final Instant EARLIEST_TIME = Instant.EPOCH;

  /**
   * The latest {@code run_at}, {@code start_at} or {@code end_at}: the end of the year 2999. A
   * retry or a schedule's fire never lands later.
   */
  public static final Instant LATEST_TIME = Instant.parse("2999-12-31T23:59:59.999Z");

  /**
   * The longest {@code delay}: ten years. Further than any real plan, and a Unix time sent as a
   * delay by mistake (54 years in milliseconds) is refused rather than scheduled for 2080.
   */
  public static final Duration MAX_DELAY = Duration.ofDays(3650);

  /** The shortest {@code timeout} of one attempt. */
  public static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

  /** The longest {@code timeout} of one attempt: a week. */
  public static final Duration MAX_TIMEOUT = Duration.ofDays(7);

  /** The longest retry delay: {@code backoff.base}, {@code backoff.max}, a handler's retry-in. */
  public static final Duration MAX_RETRY_DELAY = Duration.ofDays(30);

  /** The shortest {@code dedup_window}. */
  public static final Duration MIN_DEDUP_WINDOW = Duration.ofMillis(1);

  /** The longest {@code dedup_window}: a year. */
  public static final Duration MAX_DEDUP_WINDOW = Duration.ofDays(365);

  /** The most attempts a job may have ({@code max_attempts} is 1 to this). */
  public static final int MAX_ATTEMPTS = 1000;

  /** The shortest interval of an {@code every} schedule. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  /** The longest interval of an {@code every} schedule: a year (cron says "every 1 January"). */
  public static final Duration MAX_INTERVAL = Duration.ofDays(365);

  /** The longest {@code misfire_grace} of a schedule: a week. */
  public static final Duration MAX_MISFIRE_GRACE = Duration.ofDays(7);

  /** The shortest lease a worker may take. */
  public static final Duration MIN_LEASE = Duration.ofSeconds(1);

  /** The longest lease a worker may take: an hour; heartbeats extend it for longer jobs. */
  public static final Duration MAX_LEASE = Duration.ofHours(1);

  /** The shortest heartbeat interval: more often than ten a second only loads the store. */
  public static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofMillis(100);

  /** The shortest poll interval of an idle worker. */
  public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(10);

  /** The longest poll interval of an idle worker (wake-ups usually come first). */
  public static final Duration MAX_POLL_INTERVAL = Duration.ofHours(1);

  /** The most handlers one worker pool runs at once. */
  public static final int MAX_CONCURRENCY = 10_000;

  /**
   * Steps one run may hold, whatever the configuration says: a run is read and retried as a whole,
   * so it must stay small enough to hold in memory.
   */
  public static final int MAX_RUN_STEPS = 100_000;

  /** The longest a stopping worker pool waits for running handlers. */
  public static final Duration MAX_SHUTDOWN_GRACE = Duration.ofHours(1);

  /** The longest a finished job is kept: ten years. */
  public static final Duration MAX_RETENTION = Duration.ofDays(3650);

  private Bounds() {}

  /**
   * Returns {@code value} if it lies in {@code [min, max]}.
   *
   * @throws InvalidJobException naming {@code field} and the bounds
   */
  public static Duration check(String field, Duration value, Duration min, Duration max) {
    if (value == null) {
      throw new InvalidJobException(field, "is required");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new InvalidJobException(
          field,
          "must be from "
              + describe(min)
              + " to "
              + describe(max)
              + " (was "
              + describe(value)
              + ")");
    }
    return value;
  }

  /**
   * Returns {@code value} if it lies in {@code [min, max]}.
   *
   * @throws InvalidJobException naming {@code field} and the bounds
   */
  public static int check(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidJobException(
          field, "must be from " + min + " to " + max + " (was " + value + ")");
    }
    return value;
  }

  /**
   * Returns {@code time} if it lies from {@link #EARLIEST_TIME} to {@link #LATEST_TIME}.
   *
   * @throws InvalidJobException naming {@code field} and the bounds
   */
  public static Instant checkTime(String field, Instant time) {
    if (time.isBefore(EARLIEST_TIME) || time.isAfter(LATEST_TIME)) {
      throw new InvalidJobException(
          field, "must be from " + EARLIEST_TIME + " to " + LATEST_TIME + " (was " + time + ")");
    }
    return time;
  }

  /** {@code time} moved into {@code [EARLIEST_TIME, LATEST_TIME]}: for filters, not for jobs. */
  public static Instant clampTime(Instant time) {
    if (time == null) {
      return null;
    }
    return time.isBefore(EARLIEST_TIME)
        ? EARLIEST_TIME
        : time.isAfter(LATEST_TIME) ? LATEST_TIME : time;
  }

  /** {@code time + amount}, saturating at {@link Instant#MIN} and {@link Instant#MAX}. */
  public static Instant plus(Instant time, Duration amount) {
    Duration room =
        amount.isNegative()
            ? Duration.between(time, Instant.MIN)
            : Duration.between(time, Instant.MAX);
    boolean fits = amount.isNegative() ? amount.compareTo(room) >= 0 : amount.compareTo(room) <= 0;
    if (fits) {
      return time.plus(amount);
    }
    return amount.isNegative() ? Instant.MIN : Instant.MAX;
  }

  /** {@code duration} in whole milliseconds, saturating at {@code Long.MIN_VALUE/MAX_VALUE}. */
  public static long millis(Duration duration) {
    try {
      return duration.toMillis();
    } catch (ArithmeticException tooLong) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * A duration as messages show it, in the largest unit that writes it whole: {@code 250ms}, {@code
   * 30s}, {@code 1h}, {@code 30d}; finer than milliseconds, ISO-8601. Never overflows.
   */
  public static String describe(Duration duration) {
    if (duration.getNano() % 1_000_000 != 0) {
      return duration.toString();
    }
    if (duration.getNano() != 0) {
      try {
        return duration.toMillis() + "ms";
      } catch (ArithmeticException tooLong) {
        return duration.toString();
      }
    }
    long seconds = duration.getSeconds();
    if (seconds != 0 && seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds != 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    return seconds + "s";
  }
}
