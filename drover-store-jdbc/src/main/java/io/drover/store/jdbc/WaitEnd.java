package io.drover.store.jdbc;

import static io.drover.store.jdbc.Columns.uuid;

import io.drover.JobState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How a step that waits ends: completed by its signal (the body its result) or its timer, or, when
 * its signal's timeout passes, failed or completed with the default it names.
 *
 * @param error the error to append as JSON, or null
 */
record WaitEnd(UUID jobId, UUID runId, JobState state, String result, String error) {

  /** A signal's body arrived for this step. */
  static WaitEnd signalled(UUID jobId, UUID runId, String body) {
    return new WaitEnd(jobId, runId, JobState.COMPLETED, body, null);
  }

  /** The step of a {@code take_due_waits} row: its timer fired, or its signal timed out. */
  static WaitEnd due(ResultSet row, int attempt, long now) throws SQLException {
    UUID jobId = uuid(row, "job_id");
    UUID runId = uuid(row, "run_id");
    String signal = row.getString("wait_signal");
    if (signal == null) {
      return new WaitEnd(jobId, runId, JobState.COMPLETED, null, null);
    }
    String onTimeout = row.getString("on_timeout");
    if (onTimeout != null) {
      return new WaitEnd(jobId, runId, JobState.COMPLETED, onTimeout, null);
    }
    String message =
        "signal '" + signal + "' did not arrive within " + row.getLong("wait_ms") + " ms";
    return new WaitEnd(
        jobId, runId, JobState.FAILED, null, RunProgress.error(attempt, message, now));
  }

  /**
   * Ends the steps that are still blocked, in one batch.
   *
   * @return those it ended, for {@link RunProgress#finished}
   */
  static List<RunProgress.Ended> apply(StatementCache statements, List<WaitEnd> ends, long now)
      throws SQLException {
    if (ends.isEmpty()) {
      return List.of();
    }
    BoundStatement finish = statements.get("finish_blocked_step");
    for (WaitEnd end : ends) {
      RunProgress.bindFinish(finish, end.jobId(), end.state(), end.result(), end.error(), now)
          .addBatch();
    }
    int[] counts = finish.executeBatch();
    List<RunProgress.Ended> ended = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        WaitEnd end = ends.get(i);
        ended.add(new RunProgress.Ended(end.jobId(), end.runId(), end.state(), false));
      }
    }
    return ended;
  }
}
