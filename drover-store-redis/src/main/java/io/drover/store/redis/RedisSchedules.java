package io.drover.store.redis;

import io.drover.JobSpec;
import io.drover.schedule.Schedule;
import io.drover.schedule.ScheduleAdvance;
import io.drover.schedule.ScheduleJson;
import io.drover.schedule.ScheduleStore;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Schedules under the store's global hash tag: a hash per schedule (its definition as {@link
 * ScheduleJson} and where it stands), the names in order, and the unpaused ones by next fire time,
 * so due schedules are one range read. Each change is one {@code schedule_*.lua} script, and an
 * advance is a compare-and-set on the next fire time, so any number of schedulers can share them.
 */
final class RedisSchedules implements ScheduleStore {
  private final RedisLink link;
  private final Keys keys;
  private final InstantSource clock;

  RedisSchedules(RedisLink link, Keys keys, InstantSource clock) {
    this.link = link;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public void saveSchedule(Schedule schedule) {
    run(
        "save schedule",
        LuaScript.SCHEDULE_SAVE,
        schedule.name(),
        ScheduleJson.definition(schedule),
        schedule.paused() ? "1" : "0",
        text(schedule.lastFireAt()),
        text(schedule.nextFireAt()),
        millis(schedule.nextFireAt()),
        text(schedule.lastJobId()));
  }

  @Override
  public Optional<Schedule> schedule(String name) {
    return read(List.of(name)).stream().findFirst();
  }

  @Override
  public List<Schedule> schedules() {
    Batch batch = link.batch("list schedules");
    Reply<List<String>> names =
        batch.command(c -> c.zrangebylex(keys.scheduleNames(), Range.unbounded()));
    batch.execute();
    return read(names.get());
  }

  @Override
  public boolean deleteSchedule(String name) {
    return run("delete schedule", LuaScript.SCHEDULE_DELETE, name);
  }

  @Override
  public boolean pauseSchedule(String name, boolean paused) {
    JobSpec.checkName("name", name);
    return run("pause schedule", LuaScript.SCHEDULE_PAUSE, name, paused ? "1" : "0");
  }

  @Override
  public List<Schedule> dueSchedules(int max) {
    Instant now = clock.instant();
    Batch batch = link.batch("due schedules");
    Reply<List<String>> names =
        batch.command(
            c ->
                c.zrangebyscore(
                    keys.dueSchedules(),
                    Range.create(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()),
                    Limit.create(0, max)));
    batch.execute();
    // Read apart from the index, so check again: another scheduler may have advanced one since.
    return read(names.get()).stream()
        .filter(s -> !s.paused() && s.nextFireAt() != null && !s.nextFireAt().isAfter(now))
        .toList();
  }

  @Override
  public boolean advanceSchedule(ScheduleAdvance advance) {
    return run(
        "advance schedule",
        LuaScript.SCHEDULE_ADVANCE,
        advance.name(),
        text(advance.expectedNextFireAt()),
        text(advance.lastFireAt()),
        text(advance.nextFireAt()),
        millis(advance.nextFireAt()),
        text(advance.lastJobId()));
  }

  /** The named schedules that exist, in the order given. */
  private List<Schedule> read(List<String> names) {
    Batch batch = link.batch("read schedules");
    List<Reply<Map<String, String>>> hashes = new ArrayList<>();
    for (String name : names) {
      hashes.add(batch.command(c -> c.hgetall(keys.schedule(name))));
    }
    batch.execute();
    List<Schedule> schedules = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Map<String, String> hash = hashes.get(i).get();
      if (!hash.isEmpty()) {
        String lastJobId = hash.get("last_job_id");
        schedules.add(
            ScheduleJson.read(
                names.get(i),
                hash.get("definition"),
                "1".equals(hash.get("paused")),
                instant(hash.get("last_fire_at")),
                instant(hash.get("next_fire_at")),
                lastJobId == null ? null : UUID.fromString(lastJobId)));
      }
    }
    return schedules;
  }

  /** Runs a schedule script; true when it answered 1. */
  private boolean run(String operation, LuaScript script, String name, String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(name);
    argv.addAll(List.of(args));
    Batch batch = link.batch(operation);
    Reply<Long> answer =
        batch.integer(
            script, List.of(keys.scheduleNames(), keys.dueSchedules(), keys.schedule(name)), argv);
    batch.execute();
    return answer.get() == 1;
  }

  /** Optional values go to the scripts as text, '' for none. */
  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  private static String millis(Instant instant) {
    return instant == null ? "" : Long.toString(instant.toEpochMilli());
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
