package io.drover.schedule;

import java.time.Instant;
import java.util.UUID;

/**
 * Records that a scheduler acted on a schedule's due fires — if, and only if, the schedule's next
 * fire time is still {@code expectedNextFireAt} (compare-and-set: of several schedulers acting on
 * the same fire, one wins).
 *
 * @param nextFireAt the new next fire time, or null when the schedule has ended
 * @param lastJobId the job of the latest fire, or the previous one when this advance fired nothing
 */
public record ScheduleAdvance(
    String name,
    Instant expectedNextFireAt,
    Instant lastFireAt,
    Instant nextFireAt,
    UUID lastJobId) {}
