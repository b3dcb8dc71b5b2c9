package io.drover.schedule;

import io.drover.Job;
import io.drover.JobDefaults;
import io.drover.JobSpec;
import io.drover.maintenance.PeriodicTask;
import io.drover.store.Enqueued;
import io.drover.store.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns due schedules into jobs. Any number of schedulers may run on one store: each fire is
 * enqueued with a de-duplication key made of the schedule's name and the fire time, then recorded
 * with a compare-and-set on the schedule's next fire time, so a fire makes exactly one job whoever
 * acts on it, and a scheduler that dies between the two steps leaves nothing to double.
 */
public final class Scheduler {
  /** The most missed fires {@link MisfirePolicy#FIRE_ALL} catches up on at once. */
  public static final int MAX_CATCH_UP = 100;

  /** Default: how often to look for due schedules; fires land within this of their time. */
  public static final Duration DEFAULT_TICK = Duration.ofMillis(500);

  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
  private static final int BATCH = 100;

  private final JobStore store;
  private final ScheduleStore schedules;
  private final InstantSource clock;
  private final JobDefaults defaults;
  private final PeriodicTask task;

  public Scheduler(JobStore store, InstantSource clock, JobDefaults defaults, Duration tick) {
    this.store = store;
    this.schedules = store.schedules();
    this.clock = clock;
    this.defaults = defaults;
    this.task = new PeriodicTask("scheduler", tick, this::tick);
  }

  /** Starts ticking. Idempotent. */
  public void start() {
    task.start();
  }

  /** Stops after the tick in progress. Idempotent, and harmless before start. */
  public void stop() {
    task.stop();
  }

  /**
   * Acts on every schedule due now.
   *
   * @return how many jobs this call created
   */
  public int tick() {
    int created = 0;
    List<Schedule> due;
    do {
      due = schedules.dueSchedules(BATCH);
      for (Schedule schedule : due) {
        created += fire(schedule, clock.instant());
      }
      // A schedule another scheduler advanced meanwhile is simply no longer due.
    } while (due.size() == BATCH);
    return created;
  }

  private int fire(Schedule schedule, Instant now) {
    List<Instant> due = new ArrayList<>();
    Instant next = schedule.nextFireAt();
    while (next != null && !next.isAfter(now) && due.size() <= MAX_CATCH_UP) {
      due.add(next);
      next = schedule.firstFireAfter(next);
    }
    if (due.isEmpty()) {
      return 0; // another scheduler's clock runs ahead of ours; the fire is not due here yet
    }
    if (next != null && !next.isAfter(now)) {
      next = schedule.firstFireAfter(now);
    }
    List<Instant> fires = choose(schedule, due, now);
    List<JobSpec> specs = new ArrayList<>(fires.size());
    for (Instant fireAt : fires) {
      specs.add(schedule.job().toSpec(schedule.name(), fireAt, defaults));
    }
    List<Enqueued> enqueued = specs.isEmpty() ? List.of() : store.enqueue(specs);
    UUID lastJob = enqueued.isEmpty() ? schedule.lastJobId() : enqueued.getLast().id();
    boolean advanced =
        schedules.advanceSchedule(
            new ScheduleAdvance(
                schedule.name(), schedule.nextFireAt(), due.getLast(), next, lastJob));
    int created = (int) enqueued.stream().filter(Enqueued::created).count();
    if (advanced && (created > 0 || fires.size() < due.size())) {
      log.info(
          "scheduler: fired schedule={} jobs={} skipped={} next_fire_at={}",
          schedule.name(),
          created,
          due.size() - fires.size(),
          next);
    }
    return created;
  }

  /** Which of the due fire times become jobs, by the misfire and overlap policies. */
  private List<Instant> choose(Schedule schedule, List<Instant> due, Instant now) {
    List<Instant> missed = new ArrayList<>();
    List<Instant> onTime = new ArrayList<>();
    for (Instant fireAt : due) {
      boolean late = Duration.between(fireAt, now).compareTo(schedule.misfireGrace()) > 0;
      (late ? missed : onTime).add(fireAt);
    }
    List<Instant> fires = new ArrayList<>();
    switch (schedule.misfirePolicy()) {
      case SKIP -> {}
      case FIRE_ONCE -> {
        if (!missed.isEmpty()) {
          fires.add(missed.getLast());
        }
      }
      case FIRE_ALL ->
          fires.addAll(missed.subList(Math.max(0, missed.size() - MAX_CATCH_UP), missed.size()));
    }
    fires.addAll(onTime);
    if (schedule.overlap() == OverlapPolicy.SKIP && !fires.isEmpty()) {
      if (previousJobRunning(schedule)) {
        return List.of();
      }
      return List.of(fires.getLast());
    }
    return fires;
  }

  private boolean previousJobRunning(Schedule schedule) {
    if (schedule.lastJobId() == null) {
      return false;
    }
    return store.get(schedule.lastJobId()).map(Job::state).map(s -> !s.isTerminal()).orElse(false);
  }
}
