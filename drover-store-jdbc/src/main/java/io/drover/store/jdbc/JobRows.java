package io.drover.store.jdbc;

import static io.drover.store.jdbc.Columns.instant;
import static io.drover.store.jdbc.Columns.instantOrNull;
import static io.drover.store.jdbc.Columns.text;
import static io.drover.store.jdbc.Columns.uuid;
import static io.drover.store.jdbc.Columns.uuidOrNull;

import io.drover.Backoff;
import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.Progress;
import io.drover.store.JobChange;
import io.drover.store.StoredJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Maps between the {@code jobs} table and {@link Job} / {@link JobSpec}. */
final class JobRows {
  private JobRows() {}

  /** The state a new job starts in: scheduled when it may not run yet, else waiting. */
  static JobState initialState(long runAt, long now) {
    return runAt > now ? JobState.SCHEDULED : JobState.WAITING;
  }

  /** The state a new job or step starts in: blocked for a step that waits, else as above. */
  static JobState initialState(JobSpec spec, boolean blocked, long now) {
    return blocked ? JobState.BLOCKED : initialState(runAt(spec, now), now);
  }

  /** When a spec's job may first run, to the millisecond: its run_at, or now when it has none. */
  static long runAt(JobSpec spec, long now) {
    return spec.runAt() == null ? now : spec.runAt().toEpochMilli();
  }

  /** Binds every parameter of {@code insert_job}; a blocked job is a step that waits. */
  static void bindInsert(BoundStatement insert, JobSpec spec, boolean blocked, long now)
      throws SQLException {
    long runAt = runAt(spec, now);
    insert
        .set("id", text(spec.id()))
        .set("queue", spec.queue())
        .set("kind", spec.kind())
        .set("payload", spec.payload())
        .set("priority", spec.priority())
        .set("state", initialState(spec, blocked, now).wireName())
        .set("max_attempts", spec.maxAttempts())
        .set("backoff_base_ms", spec.backoff().base().toMillis())
        .set("backoff_max_ms", spec.backoff().max().toMillis())
        .set("timeout_ms", spec.timeout().toMillis())
        .set("run_at", runAt)
        .set("dedup_key", spec.dedupKey())
        .set("rate_key", spec.rateKey())
        .set("tags", StoredJson.strings(spec.tags()))
        .set("run_id", text(spec.runId()))
        .set("depends_on", StoredJson.ids(spec.dependsOn()))
        .set("now", now);
  }

  /**
   * What an acknowledgement changed, from the row its statement returned.
   *
   * @param error the message of the failed attempt the statement recorded, or null
   */
  static JobChange change(ResultSet row, String error) throws SQLException {
    JobState state = JobState.fromWire(row.getString("state"));
    return new JobChange(
        uuid(row, "id"),
        row.getString("queue"),
        row.getString("kind"),
        row.getInt("attempt"),
        state,
        state == JobState.RETRYING ? instant(row, "run_at") : null,
        error,
        uuidOrNull(row, "run_id"));
  }

  /** Reads every row left in {@code rows}. */
  static List<Job> readAll(ResultSet rows) throws SQLException {
    List<Job> jobs = new ArrayList<>();
    while (rows.next()) {
      jobs.add(read(rows));
    }
    return jobs;
  }

  /** Reads the current row. */
  static Job read(ResultSet row) throws SQLException {
    int percent = row.getInt("progress_percent");
    Progress progress =
        row.wasNull() ? null : new Progress(percent, row.getString("progress_message"));
    return new Job(
        uuid(row, "id"),
        row.getString("queue"),
        row.getString("kind"),
        row.getString("payload"),
        row.getInt("priority"),
        JobState.fromWire(row.getString("state")),
        row.getInt("attempt"),
        row.getInt("max_attempts"),
        new Backoff(millis(row, "backoff_base_ms"), millis(row, "backoff_max_ms")),
        millis(row, "timeout_ms"),
        instant(row, "run_at"),
        row.getString("dedup_key"),
        row.getString("rate_key"),
        StoredJson.strings(row.getString("tags")),
        uuidOrNull(row, "run_id"),
        StoredJson.ids(row.getString("depends_on")),
        progress,
        row.getString("result"),
        StoredJson.errors(row.getString("errors")),
        row.getString("worker_id"),
        row.getLong("lease_token"),
        instantOrNull(row, "lease_expires_at"),
        instant(row, "created_at"),
        instantOrNull(row, "started_at"),
        instantOrNull(row, "finished_at"));
  }

  private static Duration millis(ResultSet row, String column) throws SQLException {
    return Duration.ofMillis(row.getLong(column));
  }
}
