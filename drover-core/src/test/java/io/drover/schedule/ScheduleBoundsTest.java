package io.drover.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.Bounds;
import io.drover.InvalidJobException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A schedule's interval, window and misfire grace stay within {@link Bounds}. */
class ScheduleBoundsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final JobTemplate JOB = JobTemplate.of("reports", "report.build", "{}");

  @Test
  void anIntervalOutOfBounds_isRefusedNamingEvery() {
    assertRefused(() -> every(Duration.ofDays(366), NOW), "every");
    assertRefused(() -> every(Duration.ofMillis(999), NOW), "every");
  }

  @Test
  void aWindowOrGraceOutOfBounds_isRefusedNamingTheField() {
    assertRefused(
        () -> schedule(Duration.ZERO, Instant.parse("-999999999-01-01T00:00:00Z"), null),
        "start_at");
    assertRefused(() -> schedule(Duration.ZERO, null, Instant.MAX), "end_at");
    assertRefused(() -> schedule(Duration.ofDays(8), null, null), "misfire_grace");
    assertRefused(() -> schedule(Duration.ofMillis(-1), null, null), "misfire_grace");
  }

  @Test
  void theExtremesOfEveryBound_areAccepted() {
    Schedule widest = schedule(Bounds.MAX_MISFIRE_GRACE, Bounds.EARLIEST_TIME, Bounds.LATEST_TIME);

    assertThat(widest.misfireGrace()).isEqualTo(Bounds.MAX_MISFIRE_GRACE);
    assertThat(widest.nextFireAt()).isEqualTo(NOW.plusSeconds(1));
  }

  @Test
  void firesPastTheLatestTime_endTheSchedule() {
    Instant lastYear = Instant.parse("2999-06-01T00:00:00Z");
    Schedule yearly =
        Schedule.create(
            "yearly",
            every(Bounds.MAX_INTERVAL, lastYear),
            JOB,
            Duration.ZERO,
            MisfirePolicy.SKIP,
            OverlapPolicy.ALLOW,
            lastYear,
            null,
            false,
            NOW);

    assertThat(yearly.nextFireAt()).isEqualTo(lastYear);
    assertThat(yearly.firstFireAfter(lastYear)).isNull();
    assertThat(yearly.firstFireAfter(Bounds.LATEST_TIME)).isNull();
    assertThat(yearly.firstFireAfter(Instant.MAX)).isNull();
  }

  private static IntervalTrigger every(Duration period, Instant anchor) {
    return new IntervalTrigger(period, anchor, ZoneOffset.UTC);
  }

  private static Schedule schedule(Duration misfireGrace, Instant startAt, Instant endAt) {
    return Schedule.create(
        "s",
        every(Duration.ofSeconds(1), startAt != null ? startAt : NOW),
        JOB,
        misfireGrace,
        MisfirePolicy.SKIP,
        OverlapPolicy.ALLOW,
        startAt,
        endAt,
        false,
        NOW);
  }

  private static void assertRefused(Executable build, String field) {
    assertThatThrownBy(build::execute)
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
