package io.drover.server;

import io.drover.server.config.ServerConfig;
import io.drover.server.schedule.ScheduleFile;
import io.drover.store.Capabilities;
import io.drover.store.JobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the {@code --schedules} file, if any, before a process starts firing. */
final class SchedulesAtStart {
  private static final Logger log = LoggerFactory.getLogger(SchedulesAtStart.class);

  private SchedulesAtStart() {}

  /**
   * @throws io.drover.InvalidJobException naming the entry and field of a bad definition; nothing
   *     is written then
   * @throws UncheckedIOException if the file cannot be read
   */
  static void apply(ServerConfig config, JobStore store, InstantSource clock) {
    if (config.schedules().file() == null) {
      return;
    }
    Capabilities.requireSchedules(store);
    Instant now = clock.instant();
    try {
      ScheduleFile.Applied applied =
          ScheduleFile.apply(
              ScheduleFile.read(config.schedules().file(), config.schedules().parser(), now),
              store.schedules(),
              config.schedules().prune(),
              now);
      log.atInfo()
          .setMessage("schedules: applied {}")
          .addArgument(config.schedules().file())
          .addKeyValue("created", applied.created())
          .addKeyValue("updated", applied.updated())
          .addKeyValue("unchanged", applied.unchanged())
          .addKeyValue("removed", applied.removed())
          .log();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read schedules file " + config.schedules().file() + ": " + e.getMessage(), e);
    }
  }
}
