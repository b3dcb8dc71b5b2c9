package io.drover.store.jdbc;

import static io.drover.store.jdbc.Columns.text;

import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.store.EarliestDue;
import io.drover.store.Enqueued;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One enqueue transaction. Specs are applied as if one by one, in order, but round trips are
 * batched: runs of specs without a de-duplication key go in as one insert batch, and a spec with a
 * key, whose answer depends on everything before it, flushes the run first and goes alone.
 */
final class Enqueuer {
  private final StatementCache statements;
  private final Dialect dialect;
  private final long now;
  private final List<Integer> batched = new ArrayList<>();
  private final Set<String> newQueues = new LinkedHashSet<>();
  private final Set<String> wakeups = new LinkedHashSet<>();
  private final EarliestDue dues = new EarliestDue();
  private Enqueued[] answers;

  Enqueuer(StatementCache statements, Dialect dialect, long now) {
    this.statements = statements;
    this.dialect = dialect;
    this.now = now;
  }

  /**
   * What an enqueue did.
   *
   * @param answers one per spec, in order
   * @param wakeups the queues that got a job claimable now, and a {@link
   *     io.drover.store.WakeupMessage#due} per queue that got delayed jobs; listeners hear of them
   *     after commit
   */
  record Result(List<Enqueued> answers, Set<String> wakeups) {}

  /** Inserts the specs, as if one by one in order. */
  Result enqueue(List<JobSpec> specs) throws SQLException {
    answers = new Enqueued[specs.size()];
    for (int i = 0; i < specs.size(); i++) {
      JobSpec spec = specs.get(i);
      if (spec.dedupKey() == null) {
        batched.add(i);
      } else {
        flush(specs);
        answers[i] = enqueueDeduplicated(spec);
      }
    }
    flush(specs);
    registerQueues();
    dues.addTo(wakeups);
    return new Result(List.of(answers), wakeups);
  }

  private void flush(List<JobSpec> specs) throws SQLException {
    if (batched.isEmpty()) {
      return;
    }
    List<JobSpec> run = new ArrayList<>(batched.size());
    batched.forEach(index -> run.add(specs.get(index)));
    boolean[] inserted = dialect.insertJobs(statements, run, Set.of(), now);
    for (int k = 0; k < inserted.length; k++) {
      JobSpec spec = run.get(k);
      answers[batched.get(k)] = new Enqueued(spec.id(), inserted[k]);
      if (inserted[k]) {
        created(spec);
      }
    }
    batched.clear();
  }

  private Enqueued enqueueDeduplicated(JobSpec spec) throws SQLException {
    UUID holder = dedupHolder(spec);
    if (holder != null) {
      return new Enqueued(holder, false);
    }
    BoundStatement insert = statements.get("insert_job");
    JobRows.bindInsert(insert, spec, false, now);
    if (insert.executeUpdate() == 0) {
      return new Enqueued(spec.id(), false);
    }
    BoundStatement takeDedup = statements.get("take_dedup");
    takeDedup
        .set("queue", spec.queue())
        .set("dedup_key", spec.dedupKey())
        .set("job_id", text(spec.id()))
        .set("expires_at", now + spec.dedupWindow().toMillis())
        .set("now", now);
    if (takeDedup.executeUpdate() == 0) {
      // Where writers run concurrently (PostgreSQL), another transaction took the key after our
      // look-up; its job stands and ours goes.
      statements.get("delete_job").set("id", text(spec.id())).executeUpdate();
      return new Enqueued(dedupHolder(spec), false);
    }
    created(spec);
    return new Enqueued(spec.id(), true);
  }

  /** The job holding the spec's key inside its window, or null when the key is free. */
  private UUID dedupHolder(JobSpec spec) throws SQLException {
    BoundStatement findDedup = statements.get("find_dedup");
    findDedup.set("queue", spec.queue()).set("dedup_key", spec.dedupKey()).set("now", now);
    try (ResultSet row = findDedup.executeQuery()) {
      return row.next() ? Columns.uuid(row, "job_id") : null;
    }
  }

  private void created(JobSpec spec) {
    newQueues.add(spec.queue());
    long runAt = JobRows.runAt(spec, now);
    if (JobRows.initialState(runAt, now) == JobState.WAITING) {
      wakeups.add(spec.queue());
    } else {
      dues.add(spec.queue(), Instant.ofEpochMilli(runAt));
    }
  }

  private void registerQueues() throws SQLException {
    registerQueues(statements, newQueues);
  }

  /**
   * Registers queues that got jobs: claims start from the queues table, so a queue must be in it
   * before its jobs can be claimed.
   */
  static void registerQueues(StatementCache statements, Collection<String> queues)
      throws SQLException {
    if (queues.isEmpty()) {
      return;
    }
    BoundStatement registerQueue = statements.get("register_queue");
    for (String queue : queues) {
      registerQueue.set("queue", queue).addBatch();
    }
    registerQueue.executeBatch();
  }
}
