package io.drover.store.jdbc;

import static io.drover.store.jdbc.Columns.uuid;

import io.drover.JobState;
import io.drover.store.StoredJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Steps whose count of pending parents reached 0, gathered from the statements that count them
 * ({@code release_steps}, {@code recount_pending}) and armed with one statement per kind: a
 * worker's step becomes claimable, a wait starts its clock.
 */
final class ReadySteps {
  private final List<UUID> jobs = new ArrayList<>();
  private final List<UUID> waits = new ArrayList<>();

  /** Reads rows of {@code job_id, pending, wait_kind}, keeping the steps at 0. */
  void read(ResultSet rows) throws SQLException {
    while (rows.next()) {
      if (rows.getInt("pending") == 0) {
        (rows.getString("wait_kind") == null ? jobs : waits).add(uuid(rows, "job_id"));
      }
    }
  }

  /** Arms them, adding the queues that got claimable jobs to {@code woken}. */
  void arm(StatementCache statements, long now, Set<String> woken) throws SQLException {
    if (!jobs.isEmpty()) {
      BoundStatement arm =
          statements.get("arm_jobs").set("ids", StoredJson.ids(jobs)).set("now", now);
      try (ResultSet rows = arm.executeQuery()) {
        while (rows.next()) {
          if (JobState.WAITING.wireName().equals(rows.getString("state"))) {
            woken.add(rows.getString("queue"));
          }
        }
      }
    }
    if (!waits.isEmpty()) {
      statements.get("arm_waits").set("ids", StoredJson.ids(waits)).set("now", now).executeUpdate();
    }
  }
}
