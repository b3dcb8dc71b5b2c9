package io.drover.store.jdbc;

import io.drover.time.SettableClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The database outlives the process: schedules are found as a scheduler left them. */
class PostgresRestartTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private final String schema = PostgresTestDatabase.newSchemaName();

  @BeforeAll
  static void requireDatabase() {
    PostgresTestDatabase.require();
  }

  @AfterEach
  void dropSchema() throws Exception {
    PostgresTestDatabase.drop(schema);
  }

  @Test
  void reopen_findsSchedulesAndTheirNextFireTimes() {
    SchedulesSurviveRestart.verify(
        () -> PostgresJobStore.open(PostgresTestDatabase.config(schema).clock(clock).build()),
        clock);
  }
}
