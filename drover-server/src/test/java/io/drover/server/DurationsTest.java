package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void bareNumbers_areInTheGivenUnit() {
    assertThat(Durations.parse("1500", ChronoUnit.MILLIS)).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("60", ChronoUnit.SECONDS)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void unitsAndIso_areRead() {
    assertThat(Durations.parse("250ms", ChronoUnit.SECONDS)).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("30s", ChronoUnit.MILLIS)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m", ChronoUnit.MILLIS)).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h", ChronoUnit.MILLIS)).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("2d", ChronoUnit.MILLIS)).isEqualTo(Duration.ofDays(2));
    assertThat(Durations.parse("PT30S", ChronoUnit.MILLIS)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse(" pt1m ", ChronoUnit.MILLIS)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void negativeFractionalAndUnknown_areRefused() {
    for (String bad : new String[] {"-5", "1.5s", "5 parsecs", "PT-1S", "", "999999999999999d"}) {
      assertThatThrownBy(() -> Durations.parse(bad, ChronoUnit.MILLIS))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("30s");
    }
  }

  @Test
  void format_writesWhatParseReads() {
    assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(Durations.format(Duration.ofSeconds(60))).isEqualTo("60s");
    assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
  }
}
