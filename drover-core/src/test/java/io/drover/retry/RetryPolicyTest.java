package io.drover.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
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
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(RetryPolicy.nextRunAt(backoff, 3, 3, now, new SplittableRandom(1))).isNull();
    assertThat(RetryPolicy.nextRunAt(backoff, 2, 3, now, new SplittableRandom(1)))
        .isBetween(now, now.plusSeconds(10));
  }
}
