package io.drover.store.jdbc;

import static io.drover.store.jdbc.Columns.text;

import io.drover.JobState;
import io.drover.store.AnswerMatcher;
import io.drover.store.Completion;
import io.drover.store.EarliestDue;
import io.drover.store.Failure;
import io.drover.store.JobChange;
import io.drover.store.LeaseRef;
import io.drover.store.StoredJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs an acknowledgement (heartbeat, complete, fail, release, progress) as one batch of fenced
 * updates: each row's statement matches its job only while the job is active under the row's lease
 * token, so a worker that lost its lease changes nothing.
 */
final class FencedBatch {
  /** Binds the {@code fail} statement's outcome: retrying at retry_at, or failed for good. */
  static final Binder<Failure> FAILURE =
      (fail, failure, now) ->
          fail.set(
                  "state",
                  (failure.retryAt() == null ? JobState.FAILED : JobState.RETRYING).wireName())
              .set("retry_at", failure.retryAt())
              .set("finished_at", failure.retryAt() == null ? now : null)
              .set("error", StoredJson.error(failure.error()));

  private FencedBatch() {}

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
      bind(update, item, leaseOf, binder, now);
      update.addBatch();
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
   * Runs {@code statement}, an update that returns what it changed ({@link JobRows#change}), for
   * each item as {@link #run} binds it: as one batch where the dialect's batches return rows, else
   * one by one.
   *
   * @param errorOf the message of the failed attempt an item records, or null
   * @return what changed, in item order
   */
  static <T> List<JobChange> change(
      Dialect dialect,
      StatementCache statements,
      String statement,
      List<T> items,
      Function<T, LeaseRef> leaseOf,
      Binder<T> binder,
      Function<T, String> errorOf,
      long now)
      throws SQLException {
    if (items.isEmpty()) {
      return List.of();
    }
    AnswerMatcher<T> answered = new AnswerMatcher<>(items, leaseOf);
    List<JobChange> changes = new ArrayList<>();
    if (dialect.batchesReturnRows()) {
      BoundStatement update = statements.returningBatch(statement);
      for (T item : items) {
        bind(update, item, leaseOf, binder, now);
        update.addBatch();
      }
      try (ResultSet rows = update.executeBatchReturning()) {
        readChanges(rows, answered, errorOf, changes);
      }
    } else {
      BoundStatement update = statements.get(statement);
      for (T item : items) {
        bind(update, item, leaseOf, binder, now);
        try (ResultSet rows = update.executeQuery()) {
          readChanges(rows, answered, errorOf, changes);
        }
      }
    }
    return changes;
  }

  /** Completes each held job with its result; see {@link #change}. */
  static List<JobChange> complete(
      Dialect dialect, StatementCache statements, List<Completion> completions, long now)
      throws SQLException {
    return change(
        dialect,
        statements,
        "complete",
        completions,
        Completion::lease,
        (update, completion, at) -> update.set("result", completion.result()).set("now", at),
        completion -> null,
        now);
  }

  /** Records each failed attempt on its held job; see {@link #change}. */
  static List<JobChange> fail(
      Dialect dialect,
      StatementCache statements,
      List<Failure> failures,
      long now,
      Collection<String> wakeups)
      throws SQLException {
    List<JobChange> changes =
        change(
            dialect,
            statements,
            "fail",
            failures,
            Failure::lease,
            FAILURE,
            failure -> failure.error().message(),
            now);
    announceRetries(failures, changes, now, wakeups);
    return changes;
  }

  /**
   * Adds the queues of the retried jobs among {@code changes} that are due at once, and when the
   * others become due, to {@code wakeups}.
   */
  private static void announceRetries(
      List<Failure> failures, List<JobChange> changes, long now, Collection<String> wakeups) {
    Map<UUID, Instant> retryAt = new HashMap<>();
    for (Failure failure : failures) {
      if (failure.retryAt() != null) {
        retryAt.put(failure.lease().jobId(), failure.retryAt());
      }
    }
    EarliestDue dues = new EarliestDue();
    for (JobChange change : changes) {
      Instant at = retryAt.get(change.id());
      if (at == null || change.state() != JobState.RETRYING) {
        continue;
      }
      if (at.toEpochMilli() <= now) {
        wakeups.add(change.queue());
      } else {
        dues.add(change.queue(), at);
      }
    }
    dues.addTo(wakeups);
  }

  private static <T> void bind(
      BoundStatement update, T item, Function<T, LeaseRef> leaseOf, Binder<T> binder, long now)
      throws SQLException {
    LeaseRef lease = leaseOf.apply(item);
    update.set("id", text(lease.jobId())).set("token", lease.token());
    binder.bind(update, item, now);
  }

  private static <T> void readChanges(
      ResultSet rows, AnswerMatcher<T> answered, Function<T, String> errorOf, List<JobChange> into)
      throws SQLException {
    while (rows.next()) {
      T item = answered.itemFor(Columns.uuid(rows, "id"));
      into.add(JobRows.change(rows, errorOf.apply(item)));
    }
  }

  /** Binds what one kind of acknowledgement adds beyond the id and the lease token. */
  @FunctionalInterface
  interface Binder<T> {
    void bind(BoundStatement update, T item, long now) throws SQLException;
  }
}
