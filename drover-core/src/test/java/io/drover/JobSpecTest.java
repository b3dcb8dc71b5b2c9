package io.drover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobSpecTest {

  @Test
  void aNulInAKeyOrTag_isRefusedNamingTheField() {
    assertThatThrownBy(() -> JobSpec.builder("q", "k").dedupKey("a\0b").build())
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("dedup_key")
        .hasMessageContaining("NUL");
    assertThatThrownBy(() -> JobSpec.builder("q", "k").rateKey("\0").build())
        .hasMessageContaining("rate_key");
    assertThatThrownBy(() -> JobSpec.builder("q", "k").tags(java.util.List.of("x\0")).build())
        .hasMessageContaining("tags");
  }

  @Test
  void defaults_followTheDesign() {
    JobSpec spec = JobSpec.builder("q", "k").build();

    assertThat(spec.priority()).isEqualTo(5);
    assertThat(spec.maxAttempts()).isEqualTo(3);
    assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(spec.dedupWindow()).isEqualTo(Duration.ofHours(1));
    assertThat(spec.backoff())
        .isEqualTo(new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60)));
    assertThat(spec.payload()).isEqualTo("{}");
    assertThat(spec.id().version()).isEqualTo(7);
  }

  @Test
  void badQueueName_namesTheQueueField() {
    assertThatThrownBy(() -> JobSpec.builder("scrape high", "k").build())
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("queue"))
        .hasMessageContaining("scrape high");
    assertThatThrownBy(() -> JobSpec.builder("q", "").build())
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("kind"));
  }

  @Test
  void priorityOutOfRange_isRefused() {
    assertThatThrownBy(() -> JobSpec.builder("q", "k").priority(11).build())
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("priority"));
    assertThatThrownBy(() -> JobSpec.builder("q", "k").priority(0).build())
        .isInstanceOf(InvalidJobException.class);
    assertThat(Priority.parse("critical")).isEqualTo(10);
    assertThat(Priority.parse("3")).isEqualTo(3);
  }

  @Test
  void payload_mustBeOneJsonValueWithinTheLimit() {
    assertThatThrownBy(() -> JobSpec.builder("q", "k").payload("{\"a\":").build())
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("payload"));
    assertThatThrownBy(() -> JobSpec.builder("q", "k").payload("{} {}").build())
        .hasMessageContaining("single JSON value");
    String oversized = "\"" + "x".repeat(JobSpec.DEFAULT_MAX_PAYLOAD_BYTES) + "\"";
    assertThatThrownBy(() -> JobSpec.builder("q", "k").payload(oversized).build())
        .hasMessageContaining("over the limit of 1048576 bytes");
    String multiByte = "\"" + "é".repeat(JobSpec.DEFAULT_MAX_PAYLOAD_BYTES / 2) + "\"";
    assertThatThrownBy(() -> JobSpec.builder("q", "k").payload(multiByte).build())
        .hasMessageContaining("over the limit");
  }

  @Test
  void jobDefaults_fillOnlyWhatTheSpecLeavesUnset() {
    JobDefaults defaults =
        new JobDefaults(7, Backoff.DEFAULT, Duration.ofSeconds(9), Duration.ofMinutes(5));

    JobSpec spec = JobSpec.builder("q", "k").maxAttempts(2).build(defaults);

    assertThat(spec.maxAttempts()).isEqualTo(2);
    assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(spec.dedupWindow()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void everyTimeAndDuration_outOfBounds_isRefusedNamingItsField() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    Duration forever = Duration.ofMillis(Long.MAX_VALUE);
    assertRefused(JobSpec.builder("q", "k").runAt(Instant.parse("1969-12-31T23:59:59Z")), "run_at");
    assertRefused(JobSpec.builder("q", "k").runAt(Instant.MAX), "run_at");
    assertRefused(JobSpec.builder("q", "k").backoff(new Backoff(forever, forever)), "backoff.base");
    assertRefused(
        JobSpec.builder("q", "k").backoff(new Backoff(Duration.ZERO, Duration.ofDays(31))),
        "backoff.max");
    assertRefused(JobSpec.builder("q", "k").timeout(Duration.ofDays(8)), "timeout");
    assertRefused(JobSpec.builder("q", "k").dedupWindow(Duration.ofDays(366)), "dedup_window");
    assertRefused(JobSpec.builder("q", "k").maxAttempts(1001), "max_attempts");
    assertThatThrownBy(() -> JobSpec.builder("q", "k").delay(forever, now))
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("delay"))
        .hasMessage("delay: must be from 0s to 3650d (was 9223372036854775807ms)");
    assertThatThrownBy(() -> JobSpec.builder("q", "k").delay(Duration.ofSeconds(-1), now))
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("delay"));
  }

  @Test
  void aDelayFromTheEndOfTime_isRefusedAsARunAt_notAnOverflow() {
    assertRefused(JobSpec.builder("q", "k").delay(Bounds.MAX_DELAY, Instant.MAX), "run_at");
  }

  @Test
  void theExtremesOfEveryBound_areAccepted() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    Backoff largest = new Backoff(Bounds.MAX_RETRY_DELAY, Bounds.MAX_RETRY_DELAY);

    JobSpec latest =
        JobSpec.builder("q", "k")
            .runAt(Bounds.LATEST_TIME)
            .backoff(largest)
            .timeout(Bounds.MAX_TIMEOUT)
            .dedupWindow(Bounds.MAX_DEDUP_WINDOW)
            .maxAttempts(Bounds.MAX_ATTEMPTS)
            .build();
    JobSpec delayed = JobSpec.builder("q", "k").delay(Bounds.MAX_DELAY, now).build();
    JobSpec earliest =
        JobSpec.builder("q", "k")
            .runAt(Bounds.EARLIEST_TIME)
            .backoff(new Backoff(Duration.ZERO, Duration.ZERO))
            .timeout(Bounds.MIN_TIMEOUT)
            .dedupWindow(Bounds.MIN_DEDUP_WINDOW)
            .maxAttempts(1)
            .build();

    assertThat(latest.runAt()).isEqualTo(Bounds.LATEST_TIME);
    assertThat(latest.backoff()).isEqualTo(largest);
    assertThat(delayed.runAt()).isEqualTo(now.plus(Bounds.MAX_DELAY));
    assertThat(earliest.runAt()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void jobDefaults_outOfBounds_areRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                new JobDefaults(
                    3,
                    new Backoff(Duration.ofSeconds(1), Duration.ofDays(31)),
                    JobDefaults.DEFAULT_TIMEOUT,
                    JobDefaults.DEFAULT_DEDUP_WINDOW))
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("backoff.max"))
        .hasMessage("backoff.max: must be from 0s to 30d (was 31d)");
  }

  private static void assertRefused(JobSpec.Builder spec, String field) {
    assertThatThrownBy(spec::build)
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
