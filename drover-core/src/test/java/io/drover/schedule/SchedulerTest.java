package io.drover.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Job;
import io.drover.JobDefaults;
import io.drover.JobState;
import io.drover.store.ClaimRequest;
import io.drover.store.Completion;
import io.drover.store.JobQuery;
import io.drover.store.QueuePattern;
import io.drover.store.memory.MemoryJobStore;
import io.drover.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private static final Instant START = Instant.parse("2026-06-01T12:00:00Z");
  private static final ZoneId UTC = ZoneId.of("UTC");

  private final SettableClock clock = new SettableClock(START);
  private final MemoryJobStore store = new MemoryJobStore(clock);
  private final Scheduler scheduler =
      new Scheduler(store, clock, JobDefaults.STANDARD, Scheduler.DEFAULT_TICK);

  private Schedule everyMinute(String name, MisfirePolicy misfire, OverlapPolicy overlap) {
    Schedule schedule =
        Schedule.create(
            name,
            CronTrigger.parse("* * * * *", UTC),
            JobTemplate.of("reports", "report.build", "{\"n\":1}"),
            Duration.ofSeconds(30),
            misfire,
            overlap,
            null,
            null,
            false,
            clock.instant());
    store.schedules().saveSchedule(schedule);
    return schedule;
  }

  private List<Job> jobs() {
    return store.list(JobQuery.all().withLimit(1000)).jobs().stream()
        .sorted(Comparator.comparing(Job::runAt))
        .toList();
  }

  @Test
  void onTimeFire_enqueuesTheTemplate_taggedWithScheduleAndFireTime() {
    everyMinute("nightly", MisfirePolicy.SKIP, OverlapPolicy.ALLOW);
    assertThat(scheduler.tick()).isZero();

    clock.advance(Duration.ofSeconds(61));

    assertThat(scheduler.tick()).isEqualTo(1);
    Job job = jobs().getFirst();
    assertThat(job.queue()).isEqualTo("reports");
    assertThat(job.kind()).isEqualTo("report.build");
    assertThat(job.payload()).isEqualTo("{\"n\":1}");
    assertThat(job.tags()).contains("schedule:nightly");
    assertThat(job.dedupKey()).isEqualTo("schedule:nightly@2026-06-01T12:01:00Z");
    Schedule after = store.schedules().schedule("nightly").orElseThrow();
    assertThat(after.lastFireAt()).isEqualTo(Instant.parse("2026-06-01T12:01:00Z"));
    assertThat(after.nextFireAt()).isEqualTo(Instant.parse("2026-06-01T12:02:00Z"));
    assertThat(after.lastJobId()).isEqualTo(job.id());
  }

  @Test
  void skip_afterATenMinuteOutage_dropsTheMissedFires_andGoesOnFromTheNextOne() {
    everyMinute("s", MisfirePolicy.SKIP, OverlapPolicy.ALLOW);
    clock.advance(Duration.ofMinutes(10).plusSeconds(10));

    scheduler.tick();

    // Only the fire at 12:10 is inside the 30 s grace.
    assertThat(jobs())
        .extracting(Job::runAt)
        .containsExactly(Instant.parse("2026-06-01T12:10:00Z"));
    assertThat(store.schedules().schedule("s").orElseThrow().nextFireAt())
        .isEqualTo(Instant.parse("2026-06-01T12:11:00Z"));
  }

  @Test
  void fireOnce_afterATenMinuteOutage_coalescesTheMissedFiresIntoOne() {
    everyMinute("s", MisfirePolicy.FIRE_ONCE, OverlapPolicy.ALLOW);
    clock.advance(Duration.ofMinutes(10).plusSeconds(45));

    scheduler.tick();

    // 12:01 to 12:10 were all missed (more than 30 s ago): one job stands for them.
    assertThat(jobs())
        .extracting(Job::runAt)
        .containsExactly(Instant.parse("2026-06-01T12:10:00Z"));
  }

  @Test
  void fireAll_afterATenMinuteOutage_catchesUpOnEveryMissedFire() {
    everyMinute("s", MisfirePolicy.FIRE_ALL, OverlapPolicy.ALLOW);
    clock.advance(Duration.ofMinutes(10).plusSeconds(45));

    assertThat(scheduler.tick()).isEqualTo(10);

    assertThat(jobs())
        .extracting(Job::runAt)
        .containsExactly(
            List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).stream()
                .map(m -> START.plus(Duration.ofMinutes(m)))
                .toArray(Instant[]::new));
  }

  @Test
  void overlapSkip_firesNothingWhileThePreviousJobRuns_andResumesOnceItFinished() {
    everyMinute("s", MisfirePolicy.SKIP, OverlapPolicy.SKIP);
    clock.advance(Duration.ofSeconds(61));
    scheduler.tick();
    Job first =
        store
            .claim(new ClaimRequest("w", List.of(QueuePattern.of("*")), 1, Duration.ofHours(1)))
            .getFirst();

    clock.advance(Duration.ofMinutes(1));
    assertThat(scheduler.tick()).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(scheduler.tick()).isZero();

    store.complete(List.of(new Completion(first.lease(), null)));
    clock.advance(Duration.ofMinutes(1));
    assertThat(scheduler.tick()).isEqualTo(1);
    assertThat(jobs()).hasSize(2);
    assertThat(jobs().getLast().state()).isEqualTo(JobState.WAITING);
  }

  @Test
  void pausedSchedule_doesNotFire_andOnResumeItsMissedFiresMeetTheMisfirePolicy() {
    everyMinute("s", MisfirePolicy.FIRE_ONCE, OverlapPolicy.ALLOW);
    assertThat(store.schedules().pauseSchedule("s", true)).isTrue();
    clock.advance(Duration.ofMinutes(5).plusSeconds(40));
    assertThat(scheduler.tick()).isZero();

    store.schedules().pauseSchedule("s", false);

    assertThat(scheduler.tick()).isEqualTo(1);
    assertThat(jobs()).extracting(Job::runAt).containsExactly(START.plus(Duration.ofMinutes(5)));
  }

  @Test
  void endAt_stopsTheSchedule() {
    Schedule bounded =
        Schedule.create(
            "bounded",
            new IntervalTrigger(Duration.ofSeconds(10), START, UTC),
            JobTemplate.of("q", "k", "{}"),
            Duration.ofSeconds(30),
            MisfirePolicy.FIRE_ALL,
            OverlapPolicy.ALLOW,
            null,
            START.plusSeconds(25),
            false,
            START);
    store.schedules().saveSchedule(bounded);

    clock.advance(Duration.ofMinutes(1));
    scheduler.tick();

    assertThat(jobs())
        .extracting(Job::runAt)
        .containsExactly(START.plusSeconds(10), START.plusSeconds(20));
    assertThat(store.schedules().schedule("bounded").orElseThrow().nextFireAt()).isNull();
    assertThat(store.schedules().dueSchedules(10)).isEmpty();
  }

  @Test
  void redefiningTheTrigger_recomputesTheNextFire_butAnUnchangedTriggerKeepsIt() {
    Schedule original = everyMinute("s", MisfirePolicy.SKIP, OverlapPolicy.ALLOW);
    clock.advance(Duration.ofSeconds(10));

    Schedule sameTiming =
        original.redefinedAs(
            Schedule.create(
                "s",
                original.trigger(),
                JobTemplate.of("other", "k", "{}"),
                Duration.ZERO,
                MisfirePolicy.SKIP,
                OverlapPolicy.ALLOW,
                null,
                null,
                false,
                clock.instant()),
            clock.instant());
    Schedule hourly =
        original.redefinedAs(
            Schedule.create(
                "s",
                CronTrigger.parse("@hourly", UTC),
                original.job(),
                Duration.ZERO,
                MisfirePolicy.SKIP,
                OverlapPolicy.ALLOW,
                null,
                null,
                false,
                clock.instant()),
            clock.instant());

    assertThat(sameTiming.nextFireAt()).isEqualTo(original.nextFireAt());
    assertThat(sameTiming.job().queue()).isEqualTo("other");
    assertThat(hourly.nextFireAt()).isEqualTo(Instant.parse("2026-06-01T13:00:00Z"));
  }
}
