package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.store.ClaimRequest;
import io.drover.store.JobStore;
import io.drover.store.QueuePattern;
import io.drover.time.SettableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite file outlives the process: jobs, leases, schedules and the schema history survive a
 * restart.
 */
class SqliteRestartTest {
  @TempDir Path dir;

  private final SettableClock clock = new SettableClock(Instant.parse("2025-06-01T12:00:00Z"));

  @Test
  void reopen_findsJobsAsTheyWereLeft() {
    Path file = dir.resolve("nested/data/drover.db");
    UUID waiting;
    Job active;
    try (JobStore store = SqliteJobStore.open(file, clock)) {
      waiting = store.enqueue(List.of(JobSpec.builder("mail", "send").build())).get(0).id();
      store.enqueue(List.of(JobSpec.builder("scrape", "page").build()));
      store.pauseQueue("reports");
      active = claim(store, "scrape").get(0);
    }

    try (JobStore store = SqliteJobStore.open(file, clock)) {
      assertThat(store.get(waiting)).get().extracting(Job::state).isEqualTo(JobState.WAITING);
      assertThat(store.get(active.id())).contains(active);
      assertThat(store.stats()).anySatisfy(stats -> assertThat(stats.paused()).isTrue());
      assertThat(claim(store, "*")).extracting(Job::id).containsExactly(waiting);
    }
  }

  @Test
  void reopen_findsSchedulesAndTheirNextFireTimes() {
    Path file = dir.resolve("drover.db");
    SchedulesSurviveRestart.verify(() -> SqliteJobStore.open(file, clock), clock);
  }

  @Test
  void reopen_doesNotRunAppliedMigrationsAgain() throws SQLException {
    Path file = dir.resolve("drover.db");
    SqliteJobStore.open(file, clock).close();
    List<String> firstHistory = history(file);

    SqliteJobStore.open(file, clock).close();

    assertThat(firstHistory).isNotEmpty().allMatch(row -> row.endsWith("success=true"));
    assertThat(firstHistory.get(0)).startsWith("version=1 ");
    assertThat(history(file)).isEqualTo(firstHistory);
  }

  private List<Job> claim(JobStore store, String pattern) {
    return store.claim(
        new ClaimRequest("w1", List.of(QueuePattern.of(pattern)), 10, Duration.ofSeconds(30)));
  }

  /** Each applied migration with when it ran, read straight from Flyway's history table. */
  private static List<String> history(Path file) throws SQLException {
    String sql =
        "SELECT version, installed_on, success FROM "
            + Migrations.HISTORY_TABLE
            + " ORDER BY installed_rank";
    List<String> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      while (row.next()) {
        rows.add(
            "version="
                + row.getString("version")
                + " installed_on="
                + row.getString("installed_on")
                + " success="
                + row.getBoolean("success"));
      }
    }
    return rows;
  }
}
