package io.drover.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.Bounds;
import io.drover.InvalidJobException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {

  @Test
  void settingsOutOfBounds_areRefusedNamingTheField() {
    assertRefused(b -> b.concurrency(Bounds.MAX_CONCURRENCY + 1), "concurrency");
    assertRefused(b -> b.lease(Duration.ofHours(2)), "lease");
    assertRefused(b -> b.lease(Duration.ofMillis(999)), "lease");
    assertRefused(b -> b.heartbeatInterval(Duration.ofMillis(99)), "heartbeat_interval");
    assertRefused(b -> b.pollInterval(Duration.ofHours(2)), "poll_interval");
    assertRefused(b -> b.pollInterval(Duration.ofMillis(9)), "poll_interval");
    assertRefused(b -> b.shutdownGrace(Duration.ofSeconds(Long.MAX_VALUE)), "shutdown_grace");
    assertRefused(b -> b.shutdownGrace(Duration.ofMillis(-1)), "shutdown_grace");
  }

  @Test
  void theExtremesOfEveryBound_areAccepted() {
    WorkerConfig largest =
        WorkerConfig.builder()
            .concurrency(Bounds.MAX_CONCURRENCY)
            .lease(Bounds.MAX_LEASE)
            .pollInterval(Bounds.MAX_POLL_INTERVAL)
            .shutdownGrace(Bounds.MAX_SHUTDOWN_GRACE)
            .build();
    WorkerConfig smallest =
        WorkerConfig.builder()
            .concurrency(1)
            .lease(Bounds.MIN_LEASE)
            .heartbeatInterval(Duration.ofMillis(333))
            .pollInterval(Bounds.MIN_POLL_INTERVAL)
            .shutdownGrace(Duration.ZERO)
            .build();

    assertThat(largest.heartbeatInterval()).isEqualTo(Duration.ofMinutes(20));
    assertThat(smallest.lease()).isEqualTo(Duration.ofSeconds(1));
  }

  private static void assertRefused(UnaryOperator<WorkerConfig.Builder> change, String field) {
    assertThatThrownBy(() -> change.apply(WorkerConfig.builder()).build())
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
