package io.drover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BoundsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void check_namesTheFieldAndTheBounds() {
    assertThatThrownBy(
            () ->
                Bounds.check(
                    "delay", Duration.ofDays(106_751_991_167L), Duration.ZERO, Bounds.MAX_DELAY))
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("delay"))
        .hasMessage("delay: must be from 0s to 3650d (was 106751991167d)");
    assertThatThrownBy(() -> Bounds.check("max_attempts", 0, 1, Bounds.MAX_ATTEMPTS))
        .hasMessage("max_attempts: must be from 1 to 1000 (was 0)");
    assertThat(Bounds.check("timeout", Bounds.MAX_TIMEOUT, Bounds.MIN_TIMEOUT, Bounds.MAX_TIMEOUT))
        .isEqualTo(Bounds.MAX_TIMEOUT);
  }

  @Test
  void checkTime_takesBothEnds_andRefusesBeyond() {
    assertThat(Bounds.checkTime("run_at", Bounds.EARLIEST_TIME)).isEqualTo(Instant.EPOCH);
    assertThat(Bounds.checkTime("run_at", Bounds.LATEST_TIME)).isEqualTo(Bounds.LATEST_TIME);
    assertThatThrownBy(
            () -> Bounds.checkTime("run_at", Instant.parse("-999999999-01-01T00:00:00Z")))
        .hasMessage(
            "run_at: must be from 1970-01-01T00:00:00Z to 2999-12-31T23:59:59.999Z"
                + " (was -999999999-01-01T00:00:00Z)");
    assertThatThrownBy(() -> Bounds.checkTime("end_at", Bounds.LATEST_TIME.plusNanos(1)))
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("end_at"));
  }

  @Test
  void plus_saturatesInsteadOfThrowing() {
    assertThat(Bounds.plus(NOW, Duration.ofSeconds(5))).isEqualTo(NOW.plusSeconds(5));
    assertThat(Bounds.plus(NOW, Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Instant.MAX);
    assertThat(Bounds.plus(Instant.MAX, Duration.ofMillis(1))).isEqualTo(Instant.MAX);
    assertThat(Bounds.plus(NOW, Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo(Instant.MIN);
    assertThat(Bounds.plus(Instant.MIN, Duration.ofMillis(-1))).isEqualTo(Instant.MIN);
  }

  @Test
  void millis_saturatesInsteadOfThrowing() {
    assertThat(Bounds.millis(Duration.ofSeconds(5))).isEqualTo(5000);
    assertThat(Bounds.millis(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    assertThat(Bounds.millis(Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void clampTime_movesFilterTimesInside() {
    assertThat(Bounds.clampTime(Instant.MIN)).isEqualTo(Bounds.EARLIEST_TIME);
    assertThat(Bounds.clampTime(Instant.MAX)).isEqualTo(Bounds.LATEST_TIME);
    assertThat(Bounds.clampTime(NOW)).isEqualTo(NOW);
    assertThat(Bounds.clampTime(null)).isNull();
  }

  @Test
  void describe_writesTheLargestWholeUnit_forAnyDuration() {
    assertThat(Bounds.describe(Duration.ZERO)).isEqualTo("0s");
    assertThat(Bounds.describe(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Bounds.describe(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Bounds.describe(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(Bounds.describe(Duration.ofDays(30))).isEqualTo("30d");
    assertThat(Bounds.describe(Duration.ofMillis(Long.MAX_VALUE)))
        .isEqualTo("9223372036854775807ms");
    assertThat(Bounds.describe(Duration.ofSeconds(Long.MAX_VALUE, 1_000_000)))
        .isEqualTo(Duration.ofSeconds(Long.MAX_VALUE, 1_000_000).toString());
    assertThat(Bounds.describe(Duration.ofNanos(1))).isEqualTo("PT0.000000001S");
  }
}
