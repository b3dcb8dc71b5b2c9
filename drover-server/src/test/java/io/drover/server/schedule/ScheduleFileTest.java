package io.drover.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.InvalidJobException;
import io.drover.schedule.Schedule;
import io.drover.schedule.ScheduleStore;
import io.drover.store.memory.MemoryJobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleFileTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final String YAML =
      """
      schedules:
        - name: nightly-sync
          cron: "0 3 * * *"
          timezone: Europe/Chisinau
          job:
            queue: woocommerce.sync
            kind: http
            payload: {url: "http://127.0.0.1:9000/sync"}
        - name: heartbeat
          every: 30s
          job: {kind: noop}
      """;

  @TempDir Path dir;
  private final ScheduleParser parser = new ScheduleParser(ZoneOffset.UTC, Duration.ofSeconds(30));
  private final ScheduleStore store = new MemoryJobStore().schedules();

  private List<Schedule> read(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return ScheduleFile.read(file, parser, NOW);
  }

  @Test
  void yamlFile_createsEachSchedule_andReapplyingChangesNothing() throws Exception {
    List<Schedule> definitions = read("schedules.yaml", YAML);

    ScheduleFile.Applied first = ScheduleFile.apply(definitions, store, false, NOW);
    ScheduleFile.Applied again =
        ScheduleFile.apply(read("schedules.yaml", YAML), store, false, NOW.plusSeconds(7));

    assertThat(first).isEqualTo(new ScheduleFile.Applied(2, 0, 0, 0));
    assertThat(again).isEqualTo(new ScheduleFile.Applied(0, 0, 2, 0));
    Schedule sync = store.schedule("nightly-sync").orElseThrow();
    assertThat(sync.trigger().zone()).isEqualTo(ZoneId.of("Europe/Chisinau"));
    assertThat(sync.job().payload()).isEqualTo("{\"url\":\"http://127.0.0.1:9000/sync\"}");
    assertThat(store.schedule("heartbeat").orElseThrow().nextFireAt())
        .isEqualTo(NOW.plusSeconds(30));
  }

  @Test
  void prune_removesSchedulesTheFileDoesNotName_onlyWhenAsked() throws Exception {
    ScheduleFile.apply(read("schedules.yaml", YAML), store, false, NOW);
    List<Schedule> onlyHeartbeat =
        read(
            "one.json", "[{\"name\":\"heartbeat\",\"every\":\"30s\",\"job\":{\"kind\":\"noop\"}}]");

    ScheduleFile.Applied kept = ScheduleFile.apply(onlyHeartbeat, store, false, NOW);
    ScheduleFile.Applied pruned = ScheduleFile.apply(onlyHeartbeat, store, true, NOW);

    assertThat(kept.removed()).isZero();
    assertThat(pruned.removed()).isEqualTo(1);
    assertThat(store.schedules()).extracting(Schedule::name).containsExactly("heartbeat");
  }

  @Test
  void badEntry_isReportedByIndexAndField_beforeAnythingIsWritten() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file, YAML + "  - name: broken\n    cron: \"0 25 * * *\"\n    job: {kind: noop}\n");

    assertThatThrownBy(() -> ScheduleFile.read(file, parser, NOW))
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("schedules[2].cron"));
    assertThat(store.schedules()).isEmpty();
  }

  @Test
  void duplicateNames_areRefused() {
    assertThatThrownBy(
            () ->
                read(
                    "dup.yaml",
                    "- {name: a, every: 1m, job: {kind: noop}}\n- {name: a, every: 2m, job: {kind: noop}}\n"))
        .hasMessageContaining("'a' appears twice");
  }
}
