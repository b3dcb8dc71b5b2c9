package io.drover.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Backoff;
import io.drover.Bounds;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

  private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60));

  @Test
  void ceiling_doublesPerAttempt_upToTheCap() {
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofSeconds(40));
    assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(60));
    assertThat(backoff.ceiling(500)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void delay_isFullJitter_spreadOverZeroToTheCeiling() {
    SplittableRandom random = new SplittableRandom(42);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 2000; i++) {
      long ms = RetryPolicy.delay(backoff, 3, random).toMillis();
      min = Math.min(min, ms);
      max = Math.max(max, ms);
    }
    assertThat(min).isBetween(0L, 1_000L);
    assertThat(max).isBetween(19_000L, 20_000L);
  }

  @Test
  void nextRunAt_isNull_afterTheLastAttempt() {
    assertThat(RetryPolicy.nextRunAt(backoff, 3, 3, NOW, new SplittableRandom(1))).isNull();
    assertThat(RetryPolicy.nextRunAt(backoff, 2, 3, NOW, new SplittableRandom(1)))
        .isBetween(NOW, NOW.plusSeconds(10));
  }

  @Test
  void ceiling_ofTheLargestBackoff_saturatesAtEveryAttempt() {
    Backoff largest = new Backoff(FOREVER, FOREVER);

    for (int attempt : new int[] {Integer.MIN_VALUE, 0, 1, 2, 63, 64, Integer.MAX_VALUE}) {
      assertThat(largest.ceiling(attempt)).as("attempt %d", attempt).isEqualTo(FOREVER);
    }
  }

  @Test
  void ceiling_ofDurationsBeyondMilliseconds_saturatesInsteadOfThrowing() {
    Duration beyond = Duration.ofSeconds(Long.MAX_VALUE);

    assertThat(new Backoff(beyond, beyond).ceiling(1)).isEqualTo(FOREVER);
    assertThat(new Backoff(Duration.ofMillis(1), beyond).ceiling(Integer.MAX_VALUE))
        .isEqualTo(Duration.ofMillis(1L << 62));
  }

  @Test
  void ceiling_ofTheSmallestBase_growsAllTheWayToTheLargestValidCap() {
    Backoff widest = new Backoff(Duration.ofMillis(1), Bounds.MAX_RETRY_DELAY);

    assertThat(widest.ceiling(1)).isEqualTo(Duration.ofMillis(1));
    assertThat(widest.ceiling(0)).isEqualTo(Duration.ofMillis(1));
    assertThat(widest.ceiling(Integer.MIN_VALUE)).isEqualTo(Duration.ofMillis(1));
    assertThat(widest.ceiling(Integer.MAX_VALUE)).isEqualTo(Bounds.MAX_RETRY_DELAY);
  }

  @Test
  void delay_ofAZeroBackoff_isZero_atEveryAttempt() {
    Backoff none = new Backoff(Duration.ZERO, Duration.ZERO);
    SplittableRandom random = new SplittableRandom(3);

    for (int attempt : new int[] {Integer.MIN_VALUE, 0, 1, 1000, Integer.MAX_VALUE}) {
      assertThat(RetryPolicy.delay(none, attempt, random)).isEqualTo(Duration.ZERO);
    }
    assertThat(RetryPolicy.nextRunAt(none, 1, 2, NOW, random)).isEqualTo(NOW);
  }

  @Test
  void delay_ofTheLargestBackoff_neitherOverflowsNorThrows() {
    SplittableRandom random = new SplittableRandom(7);

    for (int i = 0; i < 1000; i++) {
      assertThat(RetryPolicy.delay(new Backoff(FOREVER, FOREVER), Integer.MAX_VALUE, random))
          .isBetween(Duration.ZERO, FOREVER);
    }
  }

  @Test
  void nextRunAt_ofTheLargestBackoff_landsNoLaterThanTheLatestTime() {
    Backoff largest = new Backoff(FOREVER, FOREVER);
    SplittableRandom random = new SplittableRandom(7);

    for (int i = 0; i < 1000; i++) {
      assertThat(
              RetryPolicy.nextRunAt(largest, Integer.MAX_VALUE - 1, Integer.MAX_VALUE, NOW, random))
          .isBetween(NOW, Bounds.LATEST_TIME);
    }
  }

  @Test
  void nextRunAt_fromTheEndOfTime_neitherOverflowsNorThrows() {
    Backoff largestValid = new Backoff(Bounds.MAX_RETRY_DELAY, Bounds.MAX_RETRY_DELAY);
    SplittableRandom random = new SplittableRandom(11);

    assertThat(RetryPolicy.nextRunAt(largestValid, 1, 2, Bounds.LATEST_TIME, random))
        .isEqualTo(Bounds.LATEST_TIME);
    assertThat(RetryPolicy.nextRunAt(new Backoff(FOREVER, FOREVER), 1, 2, Instant.MAX, random))
        .isEqualTo(Bounds.LATEST_TIME);
  }

  @Test
  void nextRunAt_ofTheLargestValidBackoff_staysWithinItsCap() {
    Backoff largestValid = new Backoff(Bounds.MAX_RETRY_DELAY, Bounds.MAX_RETRY_DELAY);
    SplittableRandom random = new SplittableRandom(5);

    for (int i = 0; i < 1000; i++) {
      assertThat(RetryPolicy.nextRunAt(largestValid, 999, Bounds.MAX_ATTEMPTS, NOW, random))
          .isBetween(NOW, NOW.plus(Bounds.MAX_RETRY_DELAY));
    }
  }
}
