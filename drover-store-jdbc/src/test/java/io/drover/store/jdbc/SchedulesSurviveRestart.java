package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.JobDefaults;
import io.drover.schedule.CronTrigger;
import io.drover.schedule.JobTemplate;
import io.drover.schedule.MisfirePolicy;
import io.drover.schedule.OverlapPolicy;
import io.drover.schedule.Schedule;
import io.drover.schedule.Scheduler;
import io.drover.store.JobStore;
import io.drover.time.SettableClock;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * Checks that a store opened again finds a schedule exactly where a scheduler left it: definition,
 * last fire, next fire and last job.
 */
final class SchedulesSurviveRestart {
  private SchedulesSurviveRestart() {}

  /**
   * @param open opens the store under test on {@code clock}, the same database each time
   */
  static void verify(Supplier<JobStore> open, SettableClock clock) {
    Schedule advanced;
    try (JobStore store = open.get()) {
      store
          .schedules()
          .saveSchedule(
              Schedule.create(
                  "nightly",
                  CronTrigger.parse("30 2 * * *", ZoneId.of("Europe/Chisinau")),
                  JobTemplate.of("reports", "report.build", "{}"),
                  Schedule.DEFAULT_MISFIRE_GRACE,
                  MisfirePolicy.SKIP,
                  OverlapPolicy.ALLOW,
                  null,
                  null,
                  false,
                  clock.instant()));
      clock.set(store.schedules().schedule("nightly").orElseThrow().nextFireAt().plusSeconds(1));
      Scheduler scheduler =
          new Scheduler(store, clock, JobDefaults.STANDARD, Scheduler.DEFAULT_TICK);
      assertThat(scheduler.tick()).isEqualTo(1);
      advanced = store.schedules().schedule("nightly").orElseThrow();
    }

    try (JobStore store = open.get()) {
      assertThat(store.schedules().schedule("nightly")).contains(advanced);
      assertThat(advanced.lastJobId()).isNotNull();
      assertThat(advanced.nextFireAt()).isAfter(clock.instant());
    }
  }
}
