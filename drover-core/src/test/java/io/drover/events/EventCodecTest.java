package io.drover.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.Progress;
import io.drover.events.JobEvent.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {
  private static final Instant AT = Instant.parse("2031-05-04T10:00:00.123Z");

  @Test
  void encode_splitsIntoMessagesUnderTheLimit_andDecodesToTheSameEvents() {
    List<JobEvent> events = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      events.add(
          new JobEvent(
              Type.values()[i % Type.values().length],
              UUID.randomUUID(),
              "queue-" + i,
              "kind.ü",
              i,
              AT.plusMillis(i),
              i % 3 == 0 ? new Progress(i % 101, "step " + i) : null,
              i % 2 == 0 ? "ошибка ".repeat(100) : null,
              i % 5 == 0 ? AT.plusSeconds(i) : null));
    }

    List<String> messages = EventCodec.encode(events, 7_900);

    assertThat(messages).hasSizeGreaterThan(1);
    assertThat(messages)
        .allSatisfy(
            message ->
                assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThan(7_900));
    List<JobEvent> decoded = new ArrayList<>();
    messages.forEach(message -> decoded.addAll(EventCodec.decode(message)));
    assertThat(decoded).containsExactlyElementsOf(events);
  }

  @Test
  void encode_nothing_makesNoMessage() {
    assertThat(EventCodec.encode(List.of(), 7_900)).isEmpty();
  }

  @Test
  void jobEvent_cutsLongErrors() {
    JobEvent event =
        new JobEvent(
            Type.FAILED, UUID.randomUUID(), "q", "k", 1, AT, null, "x".repeat(9_000), null);

    assertThat(event.error()).hasSize(JobEvent.MAX_ERROR_CHARS);
  }

  @Test
  void decode_aForeignMessage_isRefused() {
    assertThatThrownBy(() -> EventCodec.decode("mail"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an event message");
  }
}
