package io.drover.store.jdbc;

import io.drover.schedule.Schedule;
import io.drover.schedule.ScheduleAdvance;
import io.drover.schedule.ScheduleJson;
import io.drover.schedule.ScheduleStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Schedules in the {@code schedules} table, the same on SQLite and PostgreSQL. */
final class JdbcSchedules implements ScheduleStore {
  private final StoreTransactions transactions;
  private final InstantSource clock;

  JdbcSchedules(StoreTransactions transactions, InstantSource clock) {
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public void saveSchedule(Schedule schedule) {
    transactions.write(
        "save schedule",
        statements ->
            statements
                .get("save_schedule")
                .set("name", schedule.name())
                .set("definition", ScheduleJson.definition(schedule))
                .set("paused", schedule.paused() ? 1 : 0)
                .set("last_fire_at", schedule.lastFireAt())
                .set("next_fire_at", schedule.nextFireAt())
                .set("last_job_id", Columns.text(schedule.lastJobId()))
                .executeUpdate());
  }

  @Override
  public Optional<Schedule> schedule(String name) {
    return transactions.read(
        "get schedule",
        statements -> {
          try (ResultSet row = statements.get("get_schedule").set("name", name).executeQuery()) {
            return row.next() ? Optional.of(read(row)) : Optional.empty();
          }
        });
  }

  @Override
  public List<Schedule> schedules() {
    return transactions.read(
        "list schedules",
        statements -> {
          try (ResultSet rows = statements.get("list_schedules").executeQuery()) {
            return readAll(rows);
          }
        });
  }

  @Override
  public boolean deleteSchedule(String name) {
    return transactions.write(
        "delete schedule",
        statements -> statements.get("delete_schedule").set("name", name).executeUpdate() > 0);
  }

  @Override
  public boolean pauseSchedule(String name, boolean paused) {
    return transactions.write(
        "pause schedule",
        statements ->
            statements
                    .get("pause_schedule")
                    .set("name", name)
                    .set("paused", paused ? 1 : 0)
                    .executeUpdate()
                > 0);
  }

  @Override
  public List<Schedule> dueSchedules(int max) {
    long now = clock.millis();
    return transactions.read(
        "due schedules",
        statements -> {
          try (ResultSet rows =
              statements.get("due_schedules").set("now", now).set("limit", max).executeQuery()) {
            return readAll(rows);
          }
        });
  }

  @Override
  public boolean advanceSchedule(ScheduleAdvance advance) {
    return transactions.write(
        "advance schedule",
        statements ->
            statements
                    .get("advance_schedule")
                    .set("name", advance.name())
                    .set("expected", advance.expectedNextFireAt())
                    .set("last_fire_at", advance.lastFireAt())
                    .set("next_fire_at", advance.nextFireAt())
                    .set("last_job_id", Columns.text(advance.lastJobId()))
                    .executeUpdate()
                == 1);
  }

  private static List<Schedule> readAll(ResultSet rows) throws SQLException {
    List<Schedule> schedules = new ArrayList<>();
    while (rows.next()) {
      schedules.add(read(rows));
    }
    return schedules;
  }

  private static Schedule read(ResultSet row) throws SQLException {
    return ScheduleJson.read(
        row.getString("name"),
        row.getString("definition"),
        row.getInt("paused") != 0,
        Columns.instantOrNull(row, "last_fire_at"),
        Columns.instantOrNull(row, "next_fire_at"),
        Columns.uuidOrNull(row, "last_job_id"));
  }
}
