package io.drover.store.jdbc;

import static io.drover.store.jdbc.Columns.text;

import io.drover.JobState;
import io.drover.store.Failure;
import io.drover.store.LeaseRef;
import io.drover.store.StoredJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs an acknowledgement (heartbeat, release, progress; complete and fail on SQLite) as fenced
 * updates: each row's statement matches its job only while the job is active under the row's lease
 * token, so a worker that lost its lease changes nothing.
 */
final class FencedBatch {
  /** Binds the {@code fail} statement's outcome: retrying at retry_at, or failed for good. */
  static final Binder<Failure> FAILURE =
      (fail, failure, now) ->
          fail.set("state", outcome(failure).wireName())
              .set("retry_at", failure.retryAt())
              .set("finished_at", failure.retryAt() == null ? now : null)
              .set("error", StoredJson.error(failure.error()));

  private FencedBatch() {}

  /** Where a failed attempt leaves its job: failed for good without a retry time, else retrying. */
  static JobState outcome(Failure failure) {
    return failure.retryAt() == null ? JobState.FAILED : JobState.RETRYING;
  }

  /**
   * Adds one row per item to {@code update}, binding {@code :id} and {@code :token} from the item's
   * lease and the rest with {@code binder}, and runs the batch.
   *
   * @return the ids the update applied to, in item order
   */
  static <T> List<UUID> run(
      BoundStatement update,
      List<T> items,
      Function<T, LeaseRef> leaseOf,
      Binder<T> binder,
      long now)
      throws SQLException {
    for (T item : items) {
      bind(update, item, leaseOf, binder, now).addBatch();
    }
    int[] counts = update.executeBatch();
    List<UUID> applied = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        applied.add(leaseOf.apply(items.get(i)).jobId());
      }
    }
    return applied;
  }

  /**
   * Runs {@code update}, which returns the job's {@code run_id}, once per item, binding it as
   * {@link #run} does: for a database in this process, where a call per job costs no round trip.
   *
   * @param stateOf the state the update leaves an item's job in
   * @return the jobs the update applied to, in item order
   */
  static <T> List<Applied> returning(
      BoundStatement update,
      List<T> items,
      Function<T, LeaseRef> leaseOf,
      Function<T, JobState> stateOf,
      Binder<T> binder,
      long now)
      throws SQLException {
    List<Applied> applied = new ArrayList<>();
    for (T item : items) {
      try (ResultSet row = bind(update, item, leaseOf, binder, now).executeQuery()) {
        if (row.next()) {
          String runId = row.getString(1);
          applied.add(
              new Applied(
                  leaseOf.apply(item).jobId(),
                  runId == null ? null : UUID.fromString(runId),
                  stateOf.apply(item)));
        }
      }
    }
    return applied;
  }

  private static <T> BoundStatement bind(
      BoundStatement update, T item, Function<T, LeaseRef> leaseOf, Binder<T> binder, long now)
      throws SQLException {
    LeaseRef lease = leaseOf.apply(item);
    update.set("id", text(lease.jobId())).set("token", lease.token());
    binder.bind(update, item, now);
    return update;
  }

  /** Binds what one kind of acknowledgement adds beyond the id and the lease token. */
  @FunctionalInterface
  interface Binder<T> {
    void bind(BoundStatement update, T item, long now) throws SQLException;
  }
}
