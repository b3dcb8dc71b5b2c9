package io.drover.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.drover.StoreFailureException;
import io.drover.StoreUnavailableException;
import io.drover.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutageLogTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-04T10:00:00Z"));
  private final OutageLog outages =
      new OutageLog("scheduler", clock, Duration.ofMillis(500), Duration.ofSeconds(4));

  @Test
  void outage_logsOneWarnWhenItStarts_andOneInfoWithItsDurationWhenItEnds() {
    try (CapturedLogs logs = new CapturedLogs(OutageLog.class)) {
      for (int i = 0; i < 20; i++) {
        outages.failed(down());
        clock.advance(Duration.ofMillis(500));
      }
      outages.succeeded();
      outages.succeeded();

      assertThat(logs.at(Level.WARN))
          .containsExactly(
              "scheduler: store unavailable, retrying with backoff up to 4000 ms:"
                  + " postgres store: claim failed: Connection refused");
      assertThat(logs.at(Level.INFO))
          .containsExactly("scheduler: store available again after 10000 ms (20 failed tries)");
      assertThat(outages.inOutage()).isFalse();
    }
  }

  @Test
  void backoff_doublesFromTheFirstRetry_upToTheCap_andStartsOverAfterASuccess() {
    assertThat(outages.failed(down())).isEqualTo(Duration.ofMillis(500));
    assertThat(outages.failed(down())).isEqualTo(Duration.ofSeconds(1));
    assertThat(outages.failed(down())).isEqualTo(Duration.ofSeconds(2));
    assertThat(outages.failed(down())).isEqualTo(Duration.ofSeconds(4));
    for (int i = 0; i < 100; i++) {
      assertThat(outages.failed(down())).isEqualTo(Duration.ofSeconds(4));
    }

    outages.succeeded();

    assertThat(outages.failed(down())).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aStoreFailure_isNoOutage_butIsLoggedEachTimeWithItsStack() {
    try (CapturedLogs logs = new CapturedLogs(OutageLog.class)) {
      outages.failed(new StoreFailureException("a stored JSON list is corrupt", null));
      outages.failed(new IllegalStateException("bug"));
      outages.succeeded();

      assertThat(logs.at(Level.WARN))
          .containsExactly(
              "scheduler: failed, next try in 500 ms", "scheduler: failed, next try in 1000 ms");
      assertThat(logs.at(Level.INFO)).isEmpty();
      assertThat(outages.inOutage()).isFalse();
    }
  }

  private static StoreUnavailableException down() {
    return new StoreUnavailableException("postgres store: claim failed: Connection refused", null);
  }
}
