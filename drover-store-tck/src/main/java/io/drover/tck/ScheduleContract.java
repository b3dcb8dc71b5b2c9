package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drover.Job;
import io.drover.JobDefaults;
import io.drover.schedule.CronTrigger;
import io.drover.schedule.IntervalTrigger;
import io.drover.schedule.JobTemplate;
import io.drover.schedule.MisfirePolicy;
import io.drover.schedule.OverlapPolicy;
import io.drover.schedule.Schedule;
import io.drover.schedule.ScheduleAdvance;
import io.drover.schedule.ScheduleStore;
import io.drover.schedule.Scheduler;
import io.drover.store.JobQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schedules: stored as given, due by the store's clock, advanced only by compare-and-set, and fired
 * exactly once per fire time however many schedulers share the store.
 */
abstract class ScheduleContract extends ContractArea {
  private static final ZoneId CHISINAU = ZoneId.of("Europe/Chisinau");

  ScheduleContract(JobStoreContract suite) {
    super(suite);
  }

  @BeforeEach
  void requireSchedules() {
    assumeTrue(store().supportsSchedules(), store().name() + " store has no schedules");
  }

  private ScheduleStore schedules() {
    return store().schedules();
  }

  private Schedule cron(String name, String expression) {
    return Schedule.create(
        name,
        CronTrigger.parse(expression, CHISINAU),
        new JobTemplate(
            "reports",
            "report.build",
            "{\"a\":[1,\"é\"]}",
            7,
            5,
            Duration.ofMinutes(2),
            List.of("nightly")),
        Duration.ofSeconds(45),
        MisfirePolicy.FIRE_ONCE,
        OverlapPolicy.SKIP,
        now().minusSeconds(60),
        now().plus(Duration.ofDays(30)),
        false,
        now());
  }

  private Schedule everySecond(String name) {
    return Schedule.create(
        name,
        new IntervalTrigger(Duration.ofSeconds(1), now(), ZoneId.of("UTC")),
        JobTemplate.of("ticks", "tick", "{}"),
        Schedule.DEFAULT_MISFIRE_GRACE,
        MisfirePolicy.SKIP,
        OverlapPolicy.ALLOW,
        null,
        null,
        false,
        now());
  }

  @Test
  void saveSchedule_thenGet_returnsEveryField() {
    Schedule saved = cron("nightly-report", "30 2 * * *");
    Schedule interval =
        everySecond("ticker").advancedTo(now(), now().plusSeconds(1), UUID.randomUUID());

    schedules().saveSchedule(saved);
    schedules().saveSchedule(interval);

    assertThat(schedules().schedule("nightly-report")).contains(saved);
    assertThat(schedules().schedule("ticker")).contains(interval);
    assertThat(schedules().schedule("absent")).isEmpty();
  }

  @Test
  void schedules_areListedByName_andSavingAgainReplaces() {
    schedules().saveSchedule(cron("b", "@daily"));
    schedules().saveSchedule(cron("a", "@hourly"));
    Schedule replaced = cron("b", "@weekly");

    schedules().saveSchedule(replaced);

    assertThat(schedules().schedules()).extracting(Schedule::name).containsExactly("a", "b");
    assertThat(schedules().schedule("b")).contains(replaced);
  }

  @Test
  void deleteSchedule_removesIt_andAnUnknownNameAnswersFalse() {
    schedules().saveSchedule(cron("gone", "@daily"));

    assertThat(schedules().deleteSchedule("gone")).isTrue();
    assertThat(schedules().deleteSchedule("gone")).isFalse();
    assertThat(schedules().schedules()).isEmpty();
  }

  @Test
  void dueSchedules_areThoseWhoseTimeHasCome_soonestFirst_skippingPausedOnes() {
    schedules().saveSchedule(everySecond("one"));
    schedules().saveSchedule(cron("hourly", "@hourly"));
    schedules().saveSchedule(everySecond("paused"));
    assertThat(schedules().pauseSchedule("paused", true)).isTrue();
    assertThat(schedules().pauseSchedule("absent", true)).isFalse();
    assertThat(schedules().dueSchedules(10)).isEmpty();

    advance(Duration.ofHours(2));

    assertThat(schedules().dueSchedules(10))
        .extracting(Schedule::name)
        .containsExactly("one", "hourly");
    assertThat(schedules().dueSchedules(1)).extracting(Schedule::name).containsExactly("one");
    assertThat(schedules().schedule("paused").orElseThrow().paused()).isTrue();
  }

  @Test
  void advanceSchedule_isACompareAndSetOnTheNextFireTime() {
    Schedule schedule = everySecond("cas");
    schedules().saveSchedule(schedule);
    Instant expected = schedule.nextFireAt();
    UUID job = UUID.randomUUID();

    boolean first =
        schedules()
            .advanceSchedule(
                new ScheduleAdvance("cas", expected, expected, expected.plusSeconds(1), job));
    boolean second =
        schedules()
            .advanceSchedule(
                new ScheduleAdvance("cas", expected, expected, expected.plusSeconds(5), null));

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    Schedule after = schedules().schedule("cas").orElseThrow();
    assertThat(after.nextFireAt()).isEqualTo(expected.plusSeconds(1));
    assertThat(after.lastFireAt()).isEqualTo(expected);
    assertThat(after.lastJobId()).isEqualTo(job);
  }

  @Test
  void threeSchedulers_firingEverySecondForTwentySeconds_makeExactlyTwentyJobs() {
    // Created off the millisecond grid, as a real clock would: stores keep milliseconds, and a
    // fire must still be one fire after its time went through the store.
    clock().set(now().plusNanos(719_542_710));
    Instant start = now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    schedules().saveSchedule(everySecond("every-second"));
    List<Scheduler> schedulers =
        IntStream.range(0, 3)
            .mapToObj(
                i -> new Scheduler(store(), clock(), JobDefaults.STANDARD, Scheduler.DEFAULT_TICK))
            .toList();

    for (int second = 0; second < 20; second++) {
      advance(Duration.ofSeconds(1));
      CompletableFuture.allOf(
              schedulers.stream()
                  .map(s -> CompletableFuture.runAsync(s::tick))
                  .toArray(CompletableFuture[]::new))
          .join();
    }

    List<Job> jobs =
        store().list(JobQuery.all().withTag("schedule:every-second").withLimit(100)).jobs();
    List<Instant> expected = new ArrayList<>();
    for (int second = 1; second <= 20; second++) {
      expected.add(start.plusSeconds(second));
    }
    assertThat(jobs).extracting(Job::runAt).containsExactlyInAnyOrderElementsOf(expected);
  }
}
