package io.drover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobSpecTest {

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
}
