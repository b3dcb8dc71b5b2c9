package io.drover.server.config;

import io.drover.Bounds;
import io.drover.schedule.Schedule;
import io.drover.server.schedule.ScheduleParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/**
 * How schedules are read, and the file of them applied at start.
 *
 * @param misfireGrace how late a fire still counts as on time, for schedules that do not say.
 *     Default: 30 s.
 * @param timezone the zone of cron schedules that name none. Default: UTC.
 * @param file schedules applied at start, or null. Default: null.
 * @param prune whether applying the file deletes schedules it does not name. Default: false.
 */
public record ScheduleSettings(Duration misfireGrace, ZoneId timezone, Path file, boolean prune) {
  public static final Duration DEFAULT_MISFIRE_GRACE = Schedule.DEFAULT_MISFIRE_GRACE;
  public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("UTC");

  public ScheduleSettings {
    Checks.between("misfireGrace", misfireGrace, Duration.ZERO, Bounds.MAX_MISFIRE_GRACE);
  }

  static ScheduleSettings from(SettingValues settings) {
    return new ScheduleSettings(
        settings.get(Setting.MISFIRE_GRACE),
        settings.get(Setting.TIMEZONE),
        settings.get(Setting.SCHEDULES_FILE),
        settings.get(Setting.PRUNE_SCHEDULES));
  }

  /** Reads schedule definitions with this time zone and misfire grace. */
  public ScheduleParser parser() {
    return new ScheduleParser(timezone, misfireGrace);
  }
}
