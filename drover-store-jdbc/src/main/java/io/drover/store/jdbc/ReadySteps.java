package io.drover.store.jdbc;

import static io.drover.store.jdbc.Columns.uuid;

import io.drover.JobState;
import io.drover.store.EarliestDue;
import io.drover.store.StoredJson;
import io.drover.store.WakeupMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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

  /**
   * Arms them, adding to {@code woken} the queues that got claimable jobs, when the scheduled ones
   * become due and when the earliest wait started ends.
   */
  void arm(StatementCache statements, long now, Set<String> woken) throws SQLException {
    if (!jobs.isEmpty()) {
      BoundStatement arm =
          statements.get("arm_jobs").set("ids", StoredJson.ids(jobs)).set("now", now);
      EarliestDue dues = new EarliestDue();
      try (ResultSet rows = arm.executeQuery()) {
        while (rows.next()) {
          if (JobState.WAITING.wireName().equals(rows.getString("state"))) {
            woken.add(rows.getString("queue"));
          } else {
            dues.add(rows.getString("queue"), Instant.ofEpochMilli(rows.getLong("run_at")));
          }
        }
      }
      dues.addTo(woken);
    }
    if (!waits.isEmpty()) {
      BoundStatement arm =
          statements.get("arm_waits").set("ids", StoredJson.ids(waits)).set("now", now);
      long earliest = Long.MAX_VALUE;
      try (ResultSet rows = arm.executeQuery()) {
        while (rows.next()) {
          long wakeAt = rows.getLong("wake_at");
          if (!rows.wasNull()) {
            earliest = Math.min(earliest, wakeAt);
          }
        }
      }
      if (earliest != Long.MAX_VALUE) {
        woken.add(WakeupMessage.waitDue(Instant.ofEpochMilli(earliest)));
      }
    }
  }
}
