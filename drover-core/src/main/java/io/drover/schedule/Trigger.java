package io.drover.schedule;

import java.time.Instant;
import java.time.ZoneId;

/** When a schedule fires: a cron expression in a time zone, or a fixed interval. */
public sealed interface Trigger permits CronTrigger, IntervalTrigger {

  /** The first fire time strictly after {@code after}. */
  Instant nextAfter(Instant after);

  /** The zone the trigger reads wall-clock times in (intervals ignore it). */
  ZoneId zone();

  /** The trigger as written: a cron expression, or {@code every <duration>}. */
  String describe();
}
