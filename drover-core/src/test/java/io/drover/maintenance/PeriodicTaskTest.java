package io.drover.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.drover.StoreUnavailableException;
import io.drover.runtime.CapturedLogs;
import io.drover.runtime.OutageLog;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTaskTest {
  @Test
  void storeOutage_isLoggedOnceWhenItStartsAndOnceWhenItEnds_withBackoffBetween() {
    AtomicInteger runs = new AtomicInteger();
    PeriodicTask task =
        new PeriodicTask(
            "reaper",
            Duration.ofMillis(10),
            () -> {
              if (runs.incrementAndGet() <= 3) {
                throw new StoreUnavailableException("redis store: reap failed", null);
              }
            });
    try (CapturedLogs logs = new CapturedLogs(OutageLog.class)) {
      long started = System.nanoTime();
      task.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 5);
      task.stop();

      // 500 ms, 1 s, then 2 s after the failed runs instead of the 10 ms interval.
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofMillis(3500));
      assertThat(logs.at(Level.WARN)).hasSize(1).first().asString().startsWith("reaper: store");
      assertThat(logs.at(Level.INFO))
          .hasSize(1)
          .first()
          .asString()
          .startsWith("reaper: store available again after");
    }
  }

  @Test
  void stop_duringABackoff_endsTheTaskWithoutAnotherRun() {
    AtomicInteger runs = new AtomicInteger();
    PeriodicTask task =
        new PeriodicTask(
            "cleaner",
            Duration.ofMillis(10),
            () -> {
              runs.incrementAndGet();
              throw new StoreUnavailableException("down", null);
            });
    task.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 1);
    long stopping = System.nanoTime();
    task.stop();
    task.stop();

    assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(1));
    assertThat(runs.get()).isEqualTo(1);
  }
}
