package io.drover.server.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void seconds_andHttpDates_areRead() {
    assertThat(RetryAfter.parse("30", NOW)).contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Sun, 01 Jun 2025 12:02:00 GMT", NOW))
        .contains(Duration.ofMinutes(2));
  }

  @Test
  void aDateInThePast_meansNow_andAFarOneIsCapped() {
    assertThat(RetryAfter.parse("Sun, 01 Jun 2025 11:00:00 GMT", NOW)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("86400", NOW)).contains(RetryAfter.MAX);
  }

  @Test
  void absentOrUnreadable_isEmpty() {
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
  }
}
