package io.drover.server.ratelimit;

import java.time.Duration;
import java.util.Map;

/**
 * What one caller may send: {@code requests} per {@code per}, refilled evenly (a token bucket), of
 * which up to {@code burst} may come at once. Written {@code 500/s:1000}, or {@code 500/s} for a
 * burst of one period's worth.
 *
 * @param requests how many requests a period refills, 1 to {@link #MAX}
 * @param per the period: a second, a minute or an hour
 * @param burst the bucket's size: how many requests a rested caller may send at once, 1 to {@link
 *     #MAX}
 */
public record ApiRate(long requests, Duration per, long burst) {
  /** Largest request count and burst: far above what one server answers, so never a real cap. */
  public static final long MAX = 1_000_000;

  private static final Map<String, Duration> PERIODS =
      Map.of("s", Duration.ofSeconds(1), "m", Duration.ofMinutes(1), "h", Duration.ofHours(1));
  private static final Map<Duration, String> UNITS =
      Map.of(Duration.ofSeconds(1), "s", Duration.ofMinutes(1), "m", Duration.ofHours(1), "h");
  private static final Map<Duration, String> WORDS =
      Map.of(
          Duration.ofSeconds(1),
          "second",
          Duration.ofMinutes(1),
          "minute",
          Duration.ofHours(1),
          "hour");

  public ApiRate {
    if (!UNITS.containsKey(per)) {
      throw new IllegalArgumentException("the period must be 1s, 1m or 1h (was " + per + ")");
    }
    requireCount("requests", requests);
    requireCount("burst", burst);
  }

  /**
   * Reads {@code N/s}, {@code N/m} or {@code N/h}, with an optional {@code :BURST}.
   *
   * @throws IllegalArgumentException naming the part that is wrong
   */
  static ApiRate parse(String text) {
    int colon = text.indexOf(':');
    String perPeriod = colon < 0 ? text : text.substring(0, colon);
    int slash = perPeriod.indexOf('/');
    if (slash < 0 || !PERIODS.containsKey(perPeriod.substring(slash + 1))) {
      throw new IllegalArgumentException(
          "rate must be N/s, N/m or N/h with an optional :BURST, or off (was '" + text + "')");
    }
    long requests = count("requests", perPeriod.substring(0, slash));
    long burst = colon < 0 ? requests : count("burst", text.substring(colon + 1));
    return new ApiRate(requests, PERIODS.get(perPeriod.substring(slash + 1)), burst);
  }

  /**
   * How long an emptied bucket takes to fill: a caller idle this long has its whole burst again,
   * exactly as a caller never seen, so its bucket can be forgotten.
   */
  long refillNanos() {
    // At most 1h in nanoseconds times 10^6: below Long.MAX_VALUE.
    long nanos = per.toNanos() * burst;
    return (nanos + requests - 1) / requests;
  }

  /** For messages: "500 requests per second, bursts up to 1000". */
  public String describe() {
    return requests
        + (requests == 1 ? " request per " : " requests per ")
        + WORDS.get(per)
        + ", bursts up to "
        + burst;
  }

  /** As written in the setting, e.g. {@code 500/s:1000}. */
  @Override
  public String toString() {
    return requests + "/" + UNITS.get(per) + ":" + burst;
  }

  private static long count(String what, String text) {
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          what + " must be a whole number from 1 to " + MAX + " (was '" + text + "')");
    }
    requireCount(what, value);
    return value;
  }

  private static void requireCount(String what, long value) {
    if (value < 1 || value > MAX) {
      throw new IllegalArgumentException(
          what + " must be a whole number from 1 to " + MAX + " (was " + value + ")");
    }
  }
}
