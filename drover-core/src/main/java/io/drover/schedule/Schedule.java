package io.drover.schedule;

import io.drover.Bounds;
import io.drover.InvalidJobException;
import io.drover.JobSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A named, recurring job (DESIGN §1): a trigger, the job it enqueues, how misfires and overlaps are
 * handled, and where it stands.
 *
 * @param misfireGrace fires later than this are misfires: 0 to 7 days ({@link Bounds}). Default: 30
 *     s.
 * @param startAt no fire before this; null for none. From 1970 to the end of 2999.
 * @param endAt no fire after this; null for none (fires end with 2999 anyway)
 * @param lastFireAt the latest fire time acted on, or null
 * @param nextFireAt the next fire time; null once past {@code endAt}
 * @param lastJobId the job of the latest fire, for the overlap policy; null before the first
 */
public record Schedule(
    String name,
    Trigger trigger,
    JobTemplate job,
    Duration misfireGrace,
    MisfirePolicy misfirePolicy,
    OverlapPolicy overlap,
    Instant startAt,
    Instant endAt,
    boolean paused,
    Instant lastFireAt,
    Instant nextFireAt,
    UUID lastJobId) {

  public static final Duration DEFAULT_MISFIRE_GRACE = Duration.ofSeconds(30);

  /** Jobs made by a schedule carry the tag {@code schedule:<name>}. */
  public static final String TAG_PREFIX = "schedule:";

  /**
   * How long a fire's de-duplication key holds: longer than any scheduler could take between
   * enqueueing a fire and recording it, so a crash in between never fires twice.
   */
  public static final Duration FIRE_DEDUP_WINDOW = Duration.ofDays(7);

  public Schedule {
    JobSpec.checkName("name", name);
    if (trigger == null) {
      throw new InvalidJobException("cron", "a schedule needs cron or every");
    }
    if (job == null) {
      throw new InvalidJobException("job", "is required");
    }
    Bounds.check("misfire_grace", misfireGrace, Duration.ZERO, Bounds.MAX_MISFIRE_GRACE);
    if (startAt != null) {
      Bounds.checkTime("start_at", startAt);
    }
    if (endAt != null) {
      Bounds.checkTime("end_at", endAt);
    }
    if (startAt != null && endAt != null && !endAt.isAfter(startAt)) {
      throw new InvalidJobException("end_at", "must be after start_at");
    }
    // Kept to the millisecond, as every store keeps them, so a schedule reads back equal.
    startAt = millis(startAt);
    endAt = millis(endAt);
    lastFireAt = millis(lastFireAt);
    nextFireAt = millis(nextFireAt);
  }

  private static Instant millis(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * A new schedule, its first fire computed from {@code now}.
   *
   * @throws InvalidJobException naming the field that is wrong
   */
  public static Schedule create(
      String name,
      Trigger trigger,
      JobTemplate job,
      Duration misfireGrace,
      MisfirePolicy misfirePolicy,
      OverlapPolicy overlap,
      Instant startAt,
      Instant endAt,
      boolean paused,
      Instant now) {
    Schedule draft =
        new Schedule(
            name,
            trigger,
            job,
            misfireGrace,
            misfirePolicy,
            overlap,
            startAt,
            endAt,
            paused,
            null,
            null,
            null);
    return draft.withNextFireAt(draft.firstFireAfter(now));
  }

  /**
   * The first fire time after {@code after} inside the start/end window, or null after the end. A
   * fire past {@link Bounds#LATEST_TIME} is past the end: no job could run then.
   */
  public Instant firstFireAfter(Instant after) {
    Instant from = startAt != null && startAt.isAfter(after) ? startAt.minusMillis(1) : after;
    Instant end = endAt != null ? endAt : Bounds.LATEST_TIME;
    if (!from.isBefore(end)) {
      return null;
    }
    Instant next = trigger.nextAfter(from);
    return next.isAfter(end) ? null : next;
  }

  /**
   * The same schedule with a new definition: when the trigger (as written) or window changed, the
   * next fire is computed afresh from {@code now}; otherwise where it stands is kept, including an
   * interval's anchor, so re-applying an unchanged definition (a deployment's schedule file) never
   * shifts or repeats fires.
   */
  public Schedule redefinedAs(Schedule definition, Instant now) {
    boolean sameTrigger =
        trigger.describe().equals(definition.trigger.describe())
            && trigger.zone().equals(definition.trigger.zone());
    boolean timingChanged =
        !sameTrigger
            || !Objects.equals(startAt, definition.startAt)
            || !Objects.equals(endAt, definition.endAt);
    Schedule kept =
        new Schedule(
            name,
            sameTrigger ? trigger : definition.trigger,
            definition.job,
            definition.misfireGrace,
            definition.misfirePolicy,
            definition.overlap,
            definition.startAt,
            definition.endAt,
            definition.paused,
            lastFireAt,
            nextFireAt,
            lastJobId);
    return timingChanged ? kept.withNextFireAt(kept.firstFireAfter(now)) : kept;
  }

  public Schedule withNextFireAt(Instant next) {
    return standing(paused, lastFireAt, next, lastJobId);
  }

  public Schedule withPaused(boolean paused) {
    return standing(paused, lastFireAt, nextFireAt, lastJobId);
  }

  /** What the scheduler records after acting on the fires due up to some time. */
  public Schedule advancedTo(Instant lastFire, Instant next, UUID jobId) {
    return standing(paused, lastFire, next, jobId);
  }

  /** The same definition, standing elsewhere. */
  private Schedule standing(boolean paused, Instant lastFire, Instant next, UUID jobId) {
    return new Schedule(
        name,
        trigger,
        job,
        misfireGrace,
        misfirePolicy,
        overlap,
        startAt,
        endAt,
        paused,
        lastFire,
        next,
        jobId);
  }
}
