package io.drover.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The buckets' memory stays bounded, and no clock move breaks them. */
class RateLimiterTest {
  private static final ApiRate TWO_A_SECOND = new ApiRate(1, Duration.ofSeconds(1), 2);
  private static final ApiRate ONE_AN_HOUR = new ApiRate(1, Duration.ofHours(1), 1);

  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T09:00:00Z"));

  @Test
  void bucketsIdleUntilFull_areForgotten_othersKeepTheirState() {
    RateLimiter limiter = new RateLimiter(clock);
    for (int i = 0; i < 1000; i++) {
      limiter.take("client 10.0.0." + i, TWO_A_SECOND);
    }
    assertThat(limiter.take("slow", ONE_AN_HOUR).allowed()).isTrue();
    assertThat(limiter.size()).isEqualTo(1001);

    clock.advance(RateLimiter.SWEEP_INTERVAL);
    limiter.take("next", TWO_A_SECOND);

    // The 1000 filled up within 2 s and are gone; slow's bucket, still empty, is kept.
    assertThat(limiter.size()).isEqualTo(2);
    assertThat(limiter.take("slow", ONE_AN_HOUR).allowed()).isFalse();
  }

  @Test
  void manyCallersAtOnce_neverHoldMoreThanTheBound() {
    RateLimiter limiter = new RateLimiter(clock, 100);

    for (int i = 0; i < 1000; i++) {
      Verdict verdict = limiter.take("client " + i, ONE_AN_HOUR);

      assertThat(verdict.allowed()).isTrue();
      assertThat(limiter.size()).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void aClockSetBack_breaksNothing_andSweepsGoOn() {
    RateLimiter limiter = new RateLimiter(clock);
    limiter.take("a", TWO_A_SECOND);
    limiter.take("a", TWO_A_SECOND);
    assertThat(limiter.take("a", TWO_A_SECOND).allowed()).isFalse();

    clock.advance(Duration.ofHours(-1));
    Verdict back = limiter.take("a", TWO_A_SECOND);
    limiter.take("b", TWO_A_SECOND);
    clock.advance(Duration.ofHours(1).plusSeconds(2));
    Verdict forward = limiter.take("a", TWO_A_SECOND);

    assertThat(back.allowed()).isFalse();
    assertThat(back.retryAfterSeconds()).isPositive();
    assertThat(forward.allowed()).isTrue();
    assertThat(limiter.size()).as("b, idle since the clock went back, was swept").isEqualTo(1);
  }
}
