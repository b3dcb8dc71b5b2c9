package io.drover.store.memory;

import io.drover.JobSpec;
import io.drover.schedule.Schedule;
import io.drover.schedule.ScheduleAdvance;
import io.drover.schedule.ScheduleStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Schedules held in memory; the reference for every store's schedule table. */
final class MemorySchedules implements ScheduleStore {
  private final InstantSource clock;
  private final ConcurrentSkipListMap<String, Schedule> byName = new ConcurrentSkipListMap<>();

  MemorySchedules(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public void saveSchedule(Schedule schedule) {
    byName.put(schedule.name(), schedule);
  }

  @Override
  public Optional<Schedule> schedule(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  @Override
  public List<Schedule> schedules() {
    return List.copyOf(byName.values());
  }

  @Override
  public boolean deleteSchedule(String name) {
    return byName.remove(name) != null;
  }

  @Override
  public boolean pauseSchedule(String name, boolean paused) {
    JobSpec.checkName("name", name);
    return byName.computeIfPresent(name, (key, schedule) -> schedule.withPaused(paused)) != null;
  }

  @Override
  public List<Schedule> dueSchedules(int max) {
    Instant now = clock.instant();
    return byName.values().stream()
        .filter(s -> !s.paused() && s.nextFireAt() != null && !s.nextFireAt().isAfter(now))
        .sorted(Comparator.comparing(Schedule::nextFireAt))
        .limit(max)
        .toList();
  }

  @Override
  public boolean advanceSchedule(ScheduleAdvance advance) {
    boolean[] advanced = {false};
    byName.computeIfPresent(
        advance.name(),
        (key, schedule) -> {
          if (!Objects.equals(schedule.nextFireAt(), advance.expectedNextFireAt())) {
            return schedule;
          }
          advanced[0] = true;
          return schedule.advancedTo(
              advance.lastFireAt(), advance.nextFireAt(), advance.lastJobId());
        });
    return advanced[0];
  }
}
