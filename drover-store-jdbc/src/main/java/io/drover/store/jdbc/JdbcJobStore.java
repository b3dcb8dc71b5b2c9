package io.drover.store.jdbc;

import static io.drover.store.jdbc.Columns.text;

import io.drover.Job;
import io.drover.JobNotFoundException;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.events.EventChannel;
import io.drover.limit.LimitStore;
import io.drover.schedule.ScheduleStore;
import io.drover.store.Capabilities;
import io.drover.store.ClaimRequest;
import io.drover.store.CleanupRequest;
import io.drover.store.Completion;
import io.drover.store.Enqueued;
import io.drover.store.Failure;
import io.drover.store.HeartbeatRequest;
import io.drover.store.JobChange;
import io.drover.store.JobOrder;
import io.drover.store.JobPage;
import io.drover.store.JobQuery;
import io.drover.store.JobStore;
import io.drover.store.LeaseRef;
import io.drover.store.ProgressUpdate;
import io.drover.store.PurgeRequest;
import io.drover.store.QueuePattern;
import io.drover.store.QueueStats;
import io.drover.store.ReapRequest;
import io.drover.store.Release;
import io.drover.store.Subscription;
import io.drover.store.WakeupListener;
import io.drover.store.WorkerHeartbeat;
import io.drover.store.WorkerInfo;
import io.drover.workflow.StepOfRunException;
import io.drover.workflow.WorkflowStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@link JobStore} port over JDBC, once for every database: each operation is one transaction
 * of named statements, batched where the port takes a list. What differs per database is in its
 * {@link Dialect}, its statement file, its {@link Transactor} and its {@link Notifier}. Steps of
 * runs ({@link JdbcWorkflows}) are jobs like any other; an operation that finishes one moves its
 * run on ({@link RunProgress}) in the same transaction.
 */
final class JdbcJobStore implements JobStore {
  /** The port's claim order, to sort what the claim statement returns in no order. */
  private static final Comparator<Job> CLAIM_ORDER =
      Comparator.comparingInt(Job::priority)
          .reversed()
          .thenComparing(Job::runAt)
          .thenComparing(Job::id, JobOrder.ID_ASCENDING);

  private final Dialect dialect;
  private final SqlStatements sql;
  private final Transactor transactor;
  private final InstantSource clock;
  private final Notifier notifier;
  private final EventChannel events;
  private final StoreTransactions transactions;
  private final WakingWrites writes;
  private final JdbcSchedules schedules;
  private final JdbcWorkflows workflows;
  private final JdbcLimits limits;
  private final Claims claims;

  JdbcJobStore(
      Dialect dialect,
      Transactor transactor,
      Notifier notifier,
      EventChannel events,
      InstantSource clock) {
    this.dialect = dialect;
    this.sql = dialect.statements();
    this.transactor = transactor;
    this.transactions = new StoreTransactions(transactor, sql);
    this.writes = new WakingWrites(transactions, notifier);
    this.schedules = new JdbcSchedules(transactions, clock);
    this.workflows = new JdbcWorkflows(transactions, writes, dialect, clock);
    this.limits = new JdbcLimits(transactions, writes, dialect, clock);
    this.claims = new Claims(dialect, limits, clock);
    this.notifier = notifier;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public String name() {
    return dialect.name();
  }

  @Override
  public List<Enqueued> enqueue(List<JobSpec> specs) {
    Capabilities.requirePlainJobs(specs);
    if (specs.isEmpty()) {
      return List.of();
    }
    long now = clock.millis();
    Enqueuer.Result result =
        write(
            "enqueue",
            statements -> {
              Enqueuer.Result enqueued = new Enqueuer(statements, dialect, now).enqueue(specs);
              notifier.inTransaction(statements, enqueued.wakeups());
              return enqueued;
            });
    notifier.committed(result.wakeups());
    return result.answers();
  }

  @Override
  public List<Job> claim(ClaimRequest request) {
    List<Job> claimed =
        transactions.autoCommitted(
            "claim", statements -> claims.claimUngoverned(statements, request));
    if (claimed == null) {
      claimed =
          transactions.write("claim", statements -> claims.claimGoverned(statements, request));
    }
    claimed.sort(CLAIM_ORDER);
    return claimed;
  }

  @Override
  public Set<UUID> heartbeat(HeartbeatRequest request) {
    if (request.leases().isEmpty()) {
      return Set.of();
    }
    long now = clock.millis();
    long leaseEnd = now + request.lease().toMillis();
    List<UUID> kept =
        write(
            "heartbeat",
            statements ->
                FencedBatch.run(
                    statements.get("heartbeat"),
                    request.leases(),
                    Function.identity(),
                    (update, lease, at) -> update.set("lease_expires_at", leaseEnd),
                    now));
    return Set.copyOf(kept);
  }

  @Override
  public List<JobChange> complete(List<Completion> completions) {
    if (completions.isEmpty()) {
      return List.of();
    }
    return finishing(
        "complete",
        (statements, now, woken) -> FanOut.complete(dialect, statements, completions, now, woken));
  }

  @Override
  public List<JobChange> fail(List<Failure> failures) {
    if (failures.isEmpty()) {
      return List.of();
    }
    return finishing(
        "fail",
        (statements, now, woken) -> FencedBatch.fail(dialect, statements, failures, now, woken));
  }

  @Override
  public List<JobChange> release(List<Release> releases) {
    if (releases.isEmpty()) {
      return List.of();
    }
    long now = clock.millis();
    Set<String> woken = new LinkedHashSet<>();
    List<JobChange> released =
        write(
            "release",
            statements -> {
              List<JobChange> changed =
                  FencedBatch.change(
                      dialect,
                      statements,
                      "release",
                      releases,
                      Release::lease,
                      (update, release, at) -> update.set("now", at),
                      release -> null,
                      now);
              // Released jobs are claimable at once; other pools in this process may be idle.
              changed.forEach(change -> woken.add(change.queue()));
              notifier.inTransaction(statements, woken);
              return changed;
            });
    notifier.committed(woken);
    return released;
  }

  @Override
  public List<JobChange> updateProgress(List<ProgressUpdate> updates) {
    return acknowledge(
        "update_progress",
        updates,
        ProgressUpdate::lease,
        (update, progress, now) ->
            update
                .set("percent", progress.progress().percent())
                .set("message", progress.progress().message()),
        update -> null);
  }

  @Override
  public List<JobChange> reapExpiredLeases(ReapRequest request) {
    if (request.max() < 1) {
      return List.of();
    }
    return finishing(
        "reap expired leases",
        (statements, now, woken) -> LeaseReaper.reap(dialect, statements, now, request, woken));
  }

  @Override
  public int cleanup(CleanupRequest request) {
    if (request.batchSize() < 1) {
      return 0;
    }
    long now = clock.millis();
    return write(
        "cleanup",
        statements -> {
          int deleted =
              JobDeletion.run(
                  statements,
                  JobDeletion.retention(statements.get("delete_finished_jobs"), request, now)
                      .set("limit", request.batchSize()));
          deleted +=
              RunDeletion.deleteExpired(statements, request, request.batchSize() - deleted, now);
          statements.get("delete_expired_dedup_keys").set("now", now).executeUpdate();
          statements.get("delete_rested_rates").set("now", now * 1_000).executeUpdate();
          statements.get("delete_expired_starts").set("now", now).executeUpdate();
          statements.get("delete_idle_fair_turns").executeUpdate();
          return deleted;
        });
  }

  @Override
  public Optional<Instant> nextDue(List<QueuePattern> queues) {
    long now = clock.millis();
    return transactions.readAlone(
        "next due",
        statements -> {
          BoundStatement nextDue =
              statements
                  .get("next_due")
                  .set("now", now)
                  .set("patterns", dialect.queuePatterns(statements.connection(), queues));
          try (ResultSet row = nextDue.executeQuery()) {
            // MIN answers one row, its value null when nothing is waiting.
            return Optional.ofNullable(row.next() ? Columns.instantOrNull(row, "due") : null);
          }
        });
  }

  @Override
  public Optional<Job> get(UUID id) {
    return read(
        "get",
        statements -> {
          try (ResultSet row = statements.get("get_job").set("id", text(id)).executeQuery()) {
            return row.next() ? Optional.of(JobRows.read(row)) : Optional.empty();
          }
        });
  }

  @Override
  public JobPage list(JobQuery query) {
    String before = Pages.before(query.cursor());
    List<Job> fetched =
        read(
            "list",
            statements -> {
              BoundStatement list;
              if (query.state() == null) {
                list = statements.get("list_jobs");
              } else {
                list = statements.get("list_jobs_in_state").set("state", query.state().wireName());
              }
              Pages.window(list, before, query.createdFrom(), query.createdTo(), query.limit())
                  .set("queue", query.queue())
                  .set("kind", query.kind())
                  .set("tag", query.tag());
              try (ResultSet rows = list.executeQuery()) {
                return JobRows.readAll(rows);
              }
            });
    return JobPage.of(fetched, query.limit());
  }

  @Override
  public boolean cancel(UUID id) {
    long now = clock.millis();
    return writes.write(
        "cancel",
        (statements, woken) -> {
          BoundStatement cancel = statements.get("cancel").set("id", text(id)).set("now", now);
          UUID runId;
          try (ResultSet row = cancel.executeQuery()) {
            if (!row.next()) {
              requireExists(statements, id);
              return false;
            }
            runId = Columns.uuidOrNull(row, "run_id");
            String queue = row.getString("queue");
            if (limits.known(statements).holdsSlot(queue, row.getString("kind"))) {
              // It may have been running: its slot is free.
              woken.add(queue);
            }
          }
          if (runId != null) {
            woken.addAll(RunProgress.cancelled(statements, id, runId, now));
          }
          return true;
        });
  }

  @Override
  public boolean retryNow(UUID id) {
    long now = clock.millis();
    String queue =
        write(
            "retry now",
            statements -> {
              BoundStatement retry =
                  statements.get("retry_now").set("id", text(id)).set("now", now);
              try (ResultSet row = retry.executeQuery()) {
                if (row.next()) {
                  String retried = row.getString("queue");
                  notifier.inTransaction(statements, List.of(retried));
                  return retried;
                }
              }
              Found found = requireExists(statements, id);
              if (found.runId() != null
                  && (found.state() == JobState.FAILED || found.state() == JobState.CANCELLED)) {
                throw new StepOfRunException(id, found.runId(), "retry the run instead");
              }
              return null;
            });
    if (queue == null) {
      return false;
    }
    notifier.committed(List.of(queue));
    return true;
  }

  @Override
  public boolean delete(UUID id) {
    return write(
        "delete",
        statements -> {
          BoundStatement delete = statements.get("delete_job_unless_active").set("id", text(id));
          if (JobDeletion.run(statements, delete) > 0) {
            return true;
          }
          UUID runId = requireExists(statements, id).runId();
          if (runId != null) {
            throw new StepOfRunException(id, runId, "delete the run instead");
          }
          return false;
        });
  }

  @Override
  public int purge(PurgeRequest request) {
    return JobDeletion.purge(transactions, request.queue(), request.state());
  }

  @Override
  public List<QueueStats> stats() {
    long now = clock.millis();
    return read("stats", statements -> QueueStatsReader.read(statements, now));
  }

  @Override
  public void pauseQueue(String queue) {
    setPaused(queue, true);
  }

  @Override
  public void resumeQueue(String queue) {
    setPaused(queue, false);
    notifier.committed(List.of(queue));
  }

  private void setPaused(String queue, boolean paused) {
    JobSpec.checkName("queue", queue);
    write(
        paused ? "pause queue" : "resume queue",
        statements -> {
          statements
              .get("set_paused")
              .set("queue", queue)
              .set("paused", paused ? 1 : 0)
              .executeUpdate();
          if (!paused) {
            // Its waiting jobs are claimable again.
            notifier.inTransaction(statements, List.of(queue));
          }
          return null;
        });
  }

  @Override
  public void registerWorker(WorkerInfo worker) {
    write(
        "register worker",
        statements -> {
          BoundStatement upsert = statements.get("upsert_worker");
          WorkerRows.bindUpsert(upsert, worker);
          return upsert.executeUpdate();
        });
  }

  @Override
  public void heartbeatWorker(WorkerHeartbeat heartbeat) {
    long now = clock.millis();
    write(
        "heartbeat worker",
        statements ->
            statements
                .get("heartbeat_worker")
                .set("id", heartbeat.workerId())
                .set("running", heartbeat.running())
                .set("now", now)
                .executeUpdate());
  }

  @Override
  public void removeWorker(String workerId) {
    write(
        "remove worker",
        statements -> statements.get("delete_worker").set("id", workerId).executeUpdate());
  }

  @Override
  public List<WorkerInfo> workers() {
    return read(
        "list workers",
        statements -> {
          List<WorkerInfo> workers = new ArrayList<>();
          try (ResultSet rows = statements.get("list_workers").executeQuery()) {
            while (rows.next()) {
              workers.add(WorkerRows.read(rows));
            }
          }
          return workers;
        });
  }

  @Override
  public boolean supportsWorkflows() {
    return true;
  }

  @Override
  public WorkflowStore workflows() {
    return workflows;
  }

  @Override
  public boolean supportsLimits() {
    return true;
  }

  @Override
  public LimitStore limits() {
    return limits;
  }

  @Override
  public boolean supportsSchedules() {
    return true;
  }

  @Override
  public ScheduleStore schedules() {
    return schedules;
  }

  @Override
  public boolean supportsWakeups() {
    return true;
  }

  @Override
  public boolean wakeupsReachEveryProcess() {
    return notifier.reachesEveryProcess();
  }

  @Override
  public Subscription subscribe(WakeupListener listener) {
    return notifier.subscribe(listener);
  }

  @Override
  public EventChannel events() {
    return events;
  }

  @Override
  public void close() {
    events.close();
    notifier.close();
    transactor.close();
  }

  /** Runs an acknowledgement batch whose statement is named like the operation. */
  private <T> List<JobChange> acknowledge(
      String operation,
      List<T> items,
      Function<T, LeaseRef> leaseOf,
      FencedBatch.Binder<T> binder,
      Function<T, String> errorOf) {
    if (items.isEmpty()) {
      return List.of();
    }
    long now = clock.millis();
    return write(
        operation,
        statements ->
            FencedBatch.change(
                dialect, statements, operation, items, leaseOf, binder, errorOf, now));
  }

  /**
   * Acknowledgements that may finish steps of runs: the steps among the jobs they changed (their
   * {@link JobChange#runId()} is set) move their runs on in the same transaction, and plain jobs
   * cost nothing more.
   */
  private List<JobChange> finishing(String operation, Finishing work) {
    long now = clock.millis();
    return writes.write(
        operation,
        (statements, woken) -> {
          List<JobChange> changes = work.run(statements, now, woken);
          KnownLimits known = limits.known(statements);
          List<RunProgress.Ended> ended = new ArrayList<>();
          for (JobChange change : changes) {
            if (known.holdsSlot(change.queue(), change.kind())) {
              // The attempt ended, so its slot is free for the queue's next job.
              woken.add(change.queue());
            }
            if (change.runId() != null && change.state().isTerminal()) {
              ended.add(new RunProgress.Ended(change.id(), change.runId(), change.state(), false));
            }
          }
          woken.addAll(RunProgress.finished(statements, ended, now));
          return changes;
        });
  }

  /** An acknowledgement's statements; it adds queues it makes jobs claimable in to woken. */
  @FunctionalInterface
  private interface Finishing {
    List<JobChange> run(StatementCache statements, long now, Set<String> woken) throws SQLException;
  }

  /** A job as {@code job_state} reads it; runId is null for a plain job. */
  private record Found(JobState state, UUID runId) {}

  /**
   * Reads the job to explain why an operation on it changed nothing.
   *
   * @throws JobNotFoundException if no job has this id
   */
  private static Found requireExists(StatementCache statements, UUID id) throws SQLException {
    try (ResultSet row = statements.get("job_state").set("id", text(id)).executeQuery()) {
      if (!row.next()) {
        throw new JobNotFoundException(id);
      }
      return new Found(
          JobState.fromWire(row.getString("state")), Columns.uuidOrNull(row, "run_id"));
    }
  }

  private <T> T write(String operation, StoreTransactions.StatementWork<T> work) {
    return transactions.write(operation, work);
  }

  private <T> T read(String operation, StoreTransactions.StatementWork<T> work) {
    return transactions.read(operation, work);
  }
}
