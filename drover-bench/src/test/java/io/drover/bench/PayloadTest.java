package io.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.JobSpec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadTest {

  @Test
  void payload_isValidJsonOfExactlyTheAskedSize() {
    String payload = Payload.of(12, 1_700_000_000_123_456_789L, 100);

    assertThat(payload.getBytes(StandardCharsets.UTF_8)).hasSize(100);
    JobSpec.checkPayload(payload, 100);
  }

  @Test
  void payload_atTheMinimumSize_fitsTheLargestNumbers() {
    String payload = Payload.of(Integer.MAX_VALUE, Long.MAX_VALUE, Payload.MIN_BYTES);

    assertThat(payload).hasSize(Payload.MIN_BYTES);
    assertThat(Payload.seq(payload)).isEqualTo(Integer.MAX_VALUE);
    assertThat(Payload.enqueuedAtNanos(payload)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void payload_isReadBackAfterAStoreReformatsIt() {
    // As PostgreSQL's jsonb returns it: keys reordered, blanks after colons.
    String reformatted = "{\"n\": 42, \"p\": \"xxxx\", \"t\": 1700000000123456789}";

    assertThat(Payload.seq(reformatted)).isEqualTo(42);
    assertThat(Payload.enqueuedAtNanos(reformatted)).isEqualTo(1_700_000_000_123_456_789L);
  }
}
