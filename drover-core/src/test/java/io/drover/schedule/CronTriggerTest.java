package io.drover.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.InvalidJobException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CronTriggerTest {
  private static final ZoneId CHISINAU = ZoneId.of("Europe/Chisinau");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** Every fire of {@code trigger} in 2026, as wall-clock times in its zone. */
  private static List<ZonedDateTime> firesIn2026(Trigger trigger, ZoneId zone) {
    Instant from = LocalDate.of(2026, 1, 1).atStartOfDay(zone).toInstant().minusMillis(1);
    Instant to = LocalDate.of(2027, 1, 1).atStartOfDay(zone).toInstant();
    List<ZonedDateTime> fires = new ArrayList<>();
    for (Instant t = trigger.nextAfter(from); t.isBefore(to); t = trigger.nextAfter(t)) {
      fires.add(t.atZone(zone));
    }
    return fires;
  }

  private static Map<LocalDate, List<LocalTime>> byDay(List<ZonedDateTime> fires) {
    Map<LocalDate, List<LocalTime>> days = new TreeMap<>();
    fires.forEach(
        f -> days.computeIfAbsent(f.toLocalDate(), d -> new ArrayList<>()).add(f.toLocalTime()));
    return days;
  }

  @Test
  void firesOnWholeSeconds_whateverTheFractionOfTheTimeAfter() {
    Instant created = Instant.parse("2026-12-04T10:00:18.175Z");
    CronTrigger everySecond = CronTrigger.parse("* * * * * *", CHISINAU);
    CronTrigger everyMinute = CronTrigger.parse("* * * * *", CHISINAU);

    Instant first = everySecond.nextAfter(created);

    assertThat(first).isEqualTo(Instant.parse("2026-12-04T10:00:19Z"));
    assertThat(everySecond.nextAfter(first)).isEqualTo(Instant.parse("2026-12-04T10:00:20Z"));
    assertThat(everySecond.nextAfter(Instant.parse("2026-12-04T10:00:18.999999999Z")))
        .isEqualTo(Instant.parse("2026-12-04T10:00:19Z"));
    assertThat(everyMinute.nextAfter(created)).isEqualTo(Instant.parse("2026-12-04T10:01:00Z"));
  }

  @Test
  void dailyInChisinau_firesExactlyOncePerDay_includingBothTransitionDays() {
    Map<LocalDate, List<LocalTime>> days =
        byDay(firesIn2026(CronTrigger.parse("30 2 * * *", CHISINAU), CHISINAU));

    assertThat(days).hasSize(365);
    assertThat(days.values()).allMatch(times -> times.equals(List.of(LocalTime.of(2, 30))));
  }

  @Test
  void cronInsideTheSkippedAndRepeatedHours_firesOnceAtTheFirstValidTime() {
    // Chisinau moves 03:00 -> 04:00 on 2026-03-29 and 04:00 -> 03:00 on 2026-10-25 (tzdata).
    ZoneOffsetTransition spring =
        CHISINAU.getRules().nextTransition(Instant.parse("2026-01-01T00:00:00Z"));
    ZoneOffsetTransition autumn = CHISINAU.getRules().nextTransition(spring.getInstant());
    assertThat(spring.isGap()).isTrue();
    assertThat(autumn.isOverlap()).isTrue();
    int hour = spring.getDateTimeBefore().getHour();
    List<ZonedDateTime> fires =
        firesIn2026(CronTrigger.parse("30 " + hour + " * * *", CHISINAU), CHISINAU);

    Map<LocalDate, List<LocalTime>> days = byDay(fires);
    assertThat(days).hasSize(365);
    assertThat(days.values()).allMatch(times -> times.size() == 1);
    assertThat(days.get(spring.getDateTimeBefore().toLocalDate()))
        .containsExactly(spring.getDateTimeAfter().toLocalTime());
    ZonedDateTime repeated =
        fires.stream()
            .filter(f -> f.toLocalDate().equals(autumn.getDateTimeBefore().toLocalDate()))
            .findFirst()
            .orElseThrow();
    assertThat(repeated.toLocalTime())
        .isEqualTo(LocalTime.of(autumn.getDateTimeAfter().getHour(), 30));
    assertThat(repeated.getOffset()).isEqualTo(autumn.getOffsetBefore());
  }

  @Test
  void dailyInNewYork_handlesBothTransitions() {
    Map<LocalDate, List<LocalTime>> skipped =
        byDay(firesIn2026(CronTrigger.parse("30 2 * * *", NEW_YORK), NEW_YORK));
    assertThat(skipped).hasSize(365);
    assertThat(skipped.get(LocalDate.of(2026, 3, 8))).containsExactly(LocalTime.of(3, 0));
    assertThat(skipped.get(LocalDate.of(2026, 11, 1))).containsExactly(LocalTime.of(2, 30));

    List<ZonedDateTime> repeated = firesIn2026(CronTrigger.parse("30 1 * * *", NEW_YORK), NEW_YORK);
    Map<LocalDate, List<LocalTime>> days = byDay(repeated);
    assertThat(days).hasSize(365);
    assertThat(days.values()).allMatch(times -> times.size() == 1);
    ZonedDateTime fallBack =
        repeated.stream()
            .filter(f -> f.toLocalDate().equals(LocalDate.of(2026, 11, 1)))
            .findFirst()
            .orElseThrow();
    assertThat(fallBack.getOffset().getTotalSeconds()).isEqualTo(-4 * 3600);
  }

  @Test
  void everyFifteenMinutes_acrossTheYear_hasNoDoublesAndSkipsOnlyTheMissingHour() {
    List<ZonedDateTime> fires = firesIn2026(CronTrigger.parse("*/15 * * * *", CHISINAU), CHISINAU);

    assertThat(fires).doesNotHaveDuplicates();
    for (int i = 1; i < fires.size(); i++) {
      assertThat(fires.get(i).toInstant()).isAfter(fires.get(i - 1).toInstant());
    }
    // 96 wall-clock times a day; the 4 inside the hour skipped in spring fold into the first valid
    // instant (which fires anyway), and the hour repeated in autumn fires once, not twice.
    assertThat(fires).hasSize(365 * 96 - 4);
  }

  @Test
  void sixFields_putSecondsFirst() {
    CronTrigger everyTenSeconds = CronTrigger.parse("*/10 * * * * *", ZoneId.of("UTC"));
    Instant t = Instant.parse("2026-05-01T10:00:03Z");

    assertThat(everyTenSeconds.nextAfter(t)).isEqualTo(Instant.parse("2026-05-01T10:00:10Z"));
  }

  @Test
  void macros_expandToTheirCronExpressions() {
    Instant t = Instant.parse("2026-05-01T10:17:00Z");
    ZoneId utc = ZoneId.of("UTC");
    assertThat(CronTrigger.parse("@hourly", utc).nextAfter(t))
        .isEqualTo(Instant.parse("2026-05-01T11:00:00Z"));
    assertThat(CronTrigger.parse("@daily", utc).nextAfter(t))
        .isEqualTo(Instant.parse("2026-05-02T00:00:00Z"));
    assertThat(CronTrigger.parse("@monthly", utc).nextAfter(t))
        .isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
    assertThat(CronTrigger.parse("@yearly", utc).nextAfter(t))
        .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
  }

  @Test
  void invalidExpressions_sayWhatIsWrong_namingTheCronField() {
    ZoneId utc = ZoneId.of("UTC");
    assertThatThrownBy(() -> CronTrigger.parse("61 * * * *", utc))
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("cron"))
        .hasMessageContaining("61 * * * *");
    assertThatThrownBy(() -> CronTrigger.parse("* * *", utc)).hasMessageContaining("has 3 fields");
    assertThatThrownBy(() -> CronTrigger.parse("@fortnightly", utc))
        .hasMessageContaining("unknown macro");
  }

  @Test
  void interval_keepsItsPeriodAcrossDaylightSavingTransitions() {
    Instant anchor = LocalDate.of(2026, 1, 1).atStartOfDay(CHISINAU).toInstant();
    IntervalTrigger hourly = new IntervalTrigger(Duration.ofHours(1), anchor, CHISINAU);

    List<ZonedDateTime> fires = firesIn2026(hourly, CHISINAU);

    assertThat(fires).hasSize(365 * 24);
    for (int i = 1; i < fires.size(); i++) {
      assertThat(Duration.between(fires.get(i - 1), fires.get(i))).isEqualTo(Duration.ofHours(1));
    }
  }
}
