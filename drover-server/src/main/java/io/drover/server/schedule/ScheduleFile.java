package io.drover.server.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.InvalidJobException;
import io.drover.schedule.Schedule;
import io.drover.schedule.ScheduleStore;
import io.drover.server.json.JsonOrYamlFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Schedules kept in version control: a YAML or JSON file holding a list of schedule definitions (or
 * {@code schedules:} with one), applied at start. Every definition is read and checked before
 * anything is written, so a bad file changes nothing.
 */
public final class ScheduleFile {
  private ScheduleFile() {}

  /** What applying a file did. */
  public record Applied(int created, int updated, int unchanged, int removed) {}

  /**
   * Reads every definition in {@code file}.
   *
   * @throws InvalidJobException naming the entry and field, e.g. {@code schedules[2].cron}
   * @throws IOException if the file cannot be read or parsed
   */
  public static List<Schedule> read(Path file, ScheduleParser parser, Instant now)
      throws IOException {
    JsonNode root = JsonOrYamlFile.read(file);
    JsonNode list = root != null && root.isObject() ? root.get("schedules") : root;
    if (list == null || !list.isArray()) {
      throw new InvalidJobException(
          "schedules", "the file must hold a list of schedules, or schedules: with one");
    }
    List<Schedule> schedules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Schedule schedule;
      try {
        schedule = parser.parse(list.get(i), null, now);
      } catch (InvalidJobException e) {
        throw e.within("schedules[" + i + "]");
      }
      if (!names.add(schedule.name())) {
        throw new InvalidJobException(
            "schedules[" + i + "].name", "'" + schedule.name() + "' appears twice");
      }
      schedules.add(schedule);
    }
    return schedules;
  }

  /**
   * Creates or updates each schedule; an existing one keeps where it stands unless its timing
   * changed. With {@code prune}, schedules not in the file are removed.
   */
  public static Applied apply(
      List<Schedule> definitions, ScheduleStore store, boolean prune, Instant now) {
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    Set<String> names = new HashSet<>();
    for (Schedule definition : definitions) {
      names.add(definition.name());
      Schedule existing = store.schedule(definition.name()).orElse(null);
      if (existing == null) {
        store.saveSchedule(definition);
        created++;
        continue;
      }
      Schedule redefined = existing.redefinedAs(definition, now);
      if (redefined.equals(existing)) {
        unchanged++;
      } else {
        store.saveSchedule(redefined);
        updated++;
      }
    }
    int removed = 0;
    if (prune) {
      for (Schedule schedule : store.schedules()) {
        if (!names.contains(schedule.name()) && store.deleteSchedule(schedule.name())) {
          removed++;
        }
      }
    }
    return new Applied(created, updated, unchanged, removed);
  }
}
