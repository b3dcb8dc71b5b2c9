package io.drover.store.jdbc;

import io.drover.JobState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A job a fenced acknowledgement applied to, with the run its statement's {@code RETURNING} shows:
 * the run tells a step from a plain job, so only steps cost their run's bookkeeping.
 *
 * @param runId the job's run, or null for a plain job
 * @param state the job's state after the acknowledgement
 */
record Applied(UUID id, UUID runId, JobState state) {

  /** Reads the current row of a statement returning {@code id, run_id, state} (PostgreSQL's). */
  static Applied read(ResultSet row) throws SQLException {
    return new Applied(
        Columns.uuid(row, "id"),
        Columns.uuidOrNull(row, "run_id"),
        JobState.fromWire(row.getString("state")));
  }

  /** True for a step of a run that the acknowledgement finished (failed for good, say). */
  boolean endsStep() {
    return runId != null && state.isTerminal();
  }
}
