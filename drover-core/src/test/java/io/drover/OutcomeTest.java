package io.drover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutcomeTest {

  @Test
  void retryIn_takesZeroToTheLongestRetryDelay_andRefusesBeyond() {
    assertThat(Outcome.retryIn(Duration.ZERO, "now")).isNotNull();
    assertThat(Outcome.retryIn(Bounds.MAX_RETRY_DELAY, "later")).isNotNull();
    assertThatThrownBy(() -> Outcome.retryIn(Duration.ofSeconds(Long.MAX_VALUE), "never"))
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("retry_in"));
    assertThatThrownBy(() -> Outcome.retryIn(Duration.ofMillis(-1), "before"))
        .hasMessage("retry_in: must be from 0s to 30d (was -1ms)");
  }
}
