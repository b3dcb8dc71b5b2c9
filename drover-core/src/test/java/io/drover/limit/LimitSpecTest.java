package io.drover.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.InvalidJobException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitSpecTest {

  @Test
  void aRate_spacesStartsRoundedUp_soTheLimitNeverFitsInLessThanTheWindow() {
    assertThat(Rate.of(2, Duration.ofSeconds(1)).spacingMicros()).isEqualTo(500_000);
    assertThat(Rate.of(3, Duration.ofSeconds(1)).spacingMicros()).isEqualTo(333_334);
    assertThat(new Rate(100, Duration.ofMinutes(1), 5).toleranceMicros()).isEqualTo(4 * 600_000);
    assertThat(Rate.of(1_000_000, Duration.ofMillis(1)).spacingMicros()).isEqualTo(1);
  }

  @Test
  void badRates_areRefusedNamingTheField() {
    assertThatThrownBy(() -> Rate.of(0, Duration.ofSeconds(1)))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("rate.limit");
    assertThatThrownBy(() -> Rate.of(2, Duration.ZERO))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("rate.per");
    assertThatThrownBy(() -> Rate.of(2, Duration.ofDays(2)))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("rate.per");
    assertThatThrownBy(() -> new Rate(2, Duration.ofSeconds(1), 3))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("rate.burst");
  }

  @Test
  void badLimits_areRefusedNamingTheField() {
    assertThatThrownBy(() -> LimitSpec.builder("x").concurrency(1).build())
        .hasMessageContaining("queues");
    assertThatThrownBy(() -> LimitSpec.builder("x").queues("a b").concurrency(1).build())
        .hasMessageContaining("queues");
    assertThatThrownBy(() -> LimitSpec.builder("x").queues("a").build())
        .hasMessageContaining("needs rate, concurrency, queue_concurrency or fair");
    assertThatThrownBy(() -> LimitSpec.builder("x").queues("a").concurrency(0).build())
        .hasMessageContaining("concurrency");
    assertThatThrownBy(() -> LimitSpec.builder("x").queues("a").queueConcurrency(-1).build())
        .hasMessageContaining("queue_concurrency");
    assertThatThrownBy(() -> LimitSpec.builder("").queues("a").concurrency(1).build())
        .hasMessageContaining("name");
    assertThatThrownBy(
            () -> LimitSpec.builder("x").queues("a").kinds("bad kind").fair(true).build())
        .hasMessageContaining("kinds");
  }

  @Test
  void aLimit_governsItsQueuesJobs_andWithKindsOnlyThose() {
    LimitSpec limit =
        LimitSpec.builder("x").queues("scrape.*").kinds("page").concurrency(1).build();
    assertThat(limit.governs("scrape.eu", "page")).isTrue();
    assertThat(limit.governs("scrape.eu", "image")).isFalse();
    assertThat(limit.governs("crawl", "page")).isFalse();
    assertThat(limit.matchesQueue("scrape.eu")).isTrue();
  }
}
