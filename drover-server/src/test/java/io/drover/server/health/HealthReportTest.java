package io.drover.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class HealthReportTest {

  @Test
  void theWorstComponent_decides() {
    HealthReport report =
        HealthReport.run(
            List.of(
                check("a", false, () -> HealthResult.ok("fine", Map.of())),
                check("b", false, () -> new HealthResult(HealthStatus.DEGRADED, "meh", Map.of()))));

    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(report.results().keySet()).containsExactly("a", "b");
  }

  @Test
  void aThrowingCheck_isDegraded_orDownWhenCritical() {
    Supplier<HealthResult> broken =
        () -> {
          throw new IllegalStateException("boom");
        };

    HealthReport optional = HealthReport.run(List.of(check("extra", false, broken)));
    HealthReport critical = HealthReport.run(List.of(check("store", true, broken)));

    assertThat(optional.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(optional.results().get("extra").message()).contains("boom");
    assertThat(critical.status()).isEqualTo(HealthStatus.DOWN);
  }

  @Test
  void aHungCheck_isCutOffAtTheDeadline_andInterrupted() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    HealthCheck hung =
        check(
            "store",
            true,
            () -> {
              try {
                new CountDownLatch(1).await();
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
              return HealthResult.ok("never", Map.of());
            });

    HealthReport report = HealthReport.run(List.of(hung), Duration.ofMillis(100));

    assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(report.results().get("store").message()).isEqualTo("no answer within 100 ms");
    assertThat(interrupted.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
  }

  private static HealthCheck check(String name, boolean critical, Supplier<HealthResult> result) {
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean critical() {
        return critical;
      }

      @Override
      public HealthResult check() {
        return result.get();
      }
    };
  }
}
