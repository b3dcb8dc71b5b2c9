package io.drover.store.jdbc;

import io.drover.JobState;
import io.drover.store.CleanupRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Deleting jobs, for cleanup, delete and purge alike. A job's de-duplication key lives in its own
 * table and would otherwise go on answering enqueues with the id of a job that is gone, so every
 * statement that deletes jobs returns their id, queue and dedup_key, and {@link #run} frees the
 * keys they still hold in the same transaction.
 */
final class JobDeletion {
  /** Jobs a purge deletes per transaction, so that no transaction holds its locks for long. */
  private static final int PURGE_CHUNK = 1_000;

  private record HeldKey(String queue, String dedupKey, String jobId) {}

  private JobDeletion() {}

  /**
   * Binds the retention cutoffs of a cleanup ({@code :completed_before}, {@code :failed_before},
   * {@code :cancelled_before}): jobs and runs that finished earlier are due.
   */
  static BoundStatement retention(BoundStatement delete, CleanupRequest request, long now)
      throws SQLException {
    return delete
        .set("completed_before", now - request.completed().toMillis())
        .set("failed_before", now - request.failed().toMillis())
        .set("cancelled_before", now - request.cancelled().toMillis());
  }

  /** Runs {@code delete}, then frees the deleted jobs' keys; returns how many jobs it deleted. */
  static int run(StatementCache statements, BoundStatement delete) throws SQLException {
    int deleted = 0;
    List<HeldKey> held = new ArrayList<>();
    try (ResultSet rows = delete.executeQuery()) {
      while (rows.next()) {
        deleted++;
        String dedupKey = rows.getString("dedup_key");
        if (dedupKey != null) {
          held.add(new HeldKey(rows.getString("queue"), dedupKey, rows.getString("id")));
        }
      }
    }
    if (!held.isEmpty()) {
      BoundStatement release = statements.get("release_dedup");
      for (HeldKey key : held) {
        release
            .set("queue", key.queue())
            .set("dedup_key", key.dedupKey())
            .set("job_id", key.jobId())
            .addBatch();
      }
      release.executeBatch();
    }
    return deleted;
  }

  /** Deletes every job of {@code queue} in {@code state}, one transaction per chunk. */
  static int purge(StoreTransactions transactions, String queue, JobState state) {
    int deleted = 0;
    int chunk;
    do {
      chunk =
          transactions.write(
              "purge",
              statements ->
                  run(
                      statements,
                      statements
                          .get("delete_jobs_in_state")
                          .set("queue", queue)
                          .set("state", state.wireName())
                          .set("limit", PURGE_CHUNK)));
      deleted += chunk;
    } while (chunk == PURGE_CHUNK);
    return deleted;
  }
}
