package io.drover.schedule;

import java.util.List;
import java.util.Optional;

/**
 * Where schedules live; a store that supports schedules returns one from {@link
 * io.drover.store.JobStore#schedules()}. Due-ness is judged with the store's clock.
 */
public interface ScheduleStore {

  /** Creates the schedule, or replaces the one of the same name, as given. */
  void saveSchedule(Schedule schedule);

  Optional<Schedule> schedule(String name);

  /** Every schedule, sorted by name. */
  List<Schedule> schedules();

  /**
   * @return false if there was none of that name
   */
  boolean deleteSchedule(String name);

  /**
   * Pauses or resumes a schedule; its next fire time stays, so a resumed schedule's missed fires
   * meet its misfire policy.
   *
   * @return false if there was none of that name
   */
  boolean pauseSchedule(String name, boolean paused);

  /** Up to {@code max} unpaused schedules whose next fire time has come, soonest first. */
  List<Schedule> dueSchedules(int max);

  /**
   * Applies the advance if the schedule's next fire time is still the expected one.
   *
   * @return true if this call advanced it
   */
  boolean advanceSchedule(ScheduleAdvance advance);
}
