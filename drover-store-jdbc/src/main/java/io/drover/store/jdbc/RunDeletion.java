package io.drover.store.jdbc;

import static io.drover.store.jdbc.Columns.text;
import static io.drover.store.jdbc.Columns.uuid;

import io.drover.store.CleanupRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Removes finished runs whole: step jobs, steps and the run, in one transaction, so no step
 * outlives its run and none goes before it. Steps carry no de-duplication keys, so there are none
 * to free.
 */
final class RunDeletion {
  private RunDeletion() {}

  /**
   * Deletes settled runs whose state's retention has passed, oldest first, until their steps reach
   * {@code budget} jobs (a run goes whole, so the last one may take it over).
   *
   * @return how many step jobs went with them
   */
  static int deleteExpired(
      StatementCache statements, CleanupRequest retention, int budget, long now)
      throws SQLException {
    if (budget < 1) {
      return 0;
    }
    List<UUID> expired = new ArrayList<>();
    long dueBefore =
        now
            - Math.min(
                retention.completed().toMillis(),
                Math.min(retention.failed().toMillis(), retention.cancelled().toMillis()));
    BoundStatement select =
        JobDeletion.retention(statements.get("due_runs"), retention, now)
            .set("due_before", dueBefore)
            .set("limit", budget);
    try (ResultSet rows = select.executeQuery()) {
      int steps = 0;
      while (steps < budget && rows.next()) {
        expired.add(uuid(rows, "id"));
        steps += rows.getInt("step_count");
      }
    }
    return delete(statements, expired);
  }

  /**
   * Deletes the runs, settled, with everything of theirs.
   *
   * @return how many step jobs went with them
   */
  static int delete(StatementCache statements, List<UUID> runIds) throws SQLException {
    if (runIds.isEmpty()) {
      return 0;
    }
    int jobs = 0;
    for (int count : forEachRun(statements, "delete_run_jobs", runIds)) {
      jobs += count;
    }
    forEachRun(statements, "delete_run_steps", runIds);
    forEachRun(statements, "delete_run", runIds);
    return jobs;
  }

  private static int[] forEachRun(StatementCache statements, String name, List<UUID> runIds)
      throws SQLException {
    BoundStatement delete = statements.get(name);
    for (UUID runId : runIds) {
      delete.set("run_id", text(runId)).addBatch();
    }
    return delete.executeBatch();
  }
}
