package io.drover.store.jdbc;

import static io.drover.store.jdbc.Columns.text;
import static io.drover.store.jdbc.Columns.uuid;

import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.store.StoredJson;
import io.drover.workflow.ParentResult;
import io.drover.workflow.Run;
import io.drover.workflow.RunCreated;
import io.drover.workflow.RunHead;
import io.drover.workflow.RunPage;
import io.drover.workflow.RunQuery;
import io.drover.workflow.RunSpec;
import io.drover.workflow.RunState;
import io.drover.workflow.SignalOutcome;
import io.drover.workflow.Step;
import io.drover.workflow.WorkflowStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The JDBC store's {@link WorkflowStore}: each call one transaction. Operations on a run as a whole
 * hold its row locked ({@link RunRows#lock}); steps that end move their run on through {@link
 * RunProgress} in the same transaction, as those ended by workers do.
 */
final class JdbcWorkflows implements WorkflowStore {
  private final StoreTransactions transactions;
  private final WakingWrites writes;
  private final Dialect dialect;
  private final InstantSource clock;

  JdbcWorkflows(
      StoreTransactions transactions, WakingWrites writes, Dialect dialect, InstantSource clock) {
    this.transactions = transactions;
    this.writes = writes;
    this.dialect = dialect;
    this.clock = clock;
  }

  @Override
  public RunCreated createRun(RunSpec spec) {
    long now = clock.millis();
    return writes.write(
        "create run",
        (statements, woken) -> {
          boolean empty = spec.steps().isEmpty();
          int made =
              statements
                  .get("insert_run")
                  .set("id", text(spec.id()))
                  .set("name", spec.name())
                  .set("input", spec.input())
                  .set("state", (empty ? RunState.COMPLETED : RunState.RUNNING).wireName())
                  .set("max_steps", spec.maxSteps())
                  .set("now", now)
                  .set("finished_at", empty ? now : null)
                  .executeUpdate();
          if (made == 0) {
            return new RunCreated(spec.id(), false);
          }
          StepInsertion.requireFreeIds(statements, spec.steps());
          woken.addAll(
              StepInsertion.insert(statements, dialect, spec.id(), 0, spec.steps(), Map.of(), now));
          return new RunCreated(spec.id(), true);
        });
  }

  @Override
  public Optional<Run> run(UUID id) {
    return transactions.read(
        "get run",
        statements -> {
          Optional<RunRows.RunRow> run = row(statements, id);
          if (run.isEmpty()) {
            return Optional.empty();
          }
          List<Step> steps;
          BoundStatement select = statements.get("run_steps").set("run_id", text(id));
          try (ResultSet rows = select.executeQuery()) {
            steps = RunRows.steps(rows);
          }
          return Optional.of(run.get().withSteps(RunRows.counts(steps), steps));
        });
  }

  @Override
  public Optional<RunHead> head(UUID runId) {
    return transactions.read(
        "get run head", statements -> row(statements, runId).map(RunRows.RunRow::head));
  }

  private static Optional<RunRows.RunRow> row(StatementCache statements, UUID id)
      throws SQLException {
    try (ResultSet row = statements.get("get_run").set("id", text(id)).executeQuery()) {
      return row.next() ? Optional.of(RunRows.read(row)) : Optional.empty();
    }
  }

  @Override
  public RunPage runs(RunQuery query) {
    String before = Pages.before(query.cursor());
    List<Run> fetched =
        transactions.read(
            "list runs",
            statements -> {
              List<RunRows.RunRow> rows = new ArrayList<>();
              BoundStatement list =
                  Pages.window(
                          statements.get("list_runs"),
                          before,
                          query.createdFrom(),
                          query.createdTo(),
                          query.limit())
                      .set("state", query.state() == null ? null : query.state().wireName())
                      .set("name", query.name());
              try (ResultSet found = list.executeQuery()) {
                while (found.next()) {
                  rows.add(RunRows.read(found));
                }
              }
              Map<UUID, Map<JobState, Integer>> counts = stepCounts(statements, rows);
              List<Run> runs = new ArrayList<>(rows.size());
              for (RunRows.RunRow row : rows) {
                runs.add(row.withSteps(counts.getOrDefault(row.id(), Map.of()), List.of()));
              }
              return runs;
            });
    return RunPage.of(fetched, query.limit());
  }

  private static Map<UUID, Map<JobState, Integer>> stepCounts(
      StatementCache statements, List<RunRows.RunRow> runs) throws SQLException {
    Map<UUID, Map<JobState, Integer>> counts = new HashMap<>();
    if (runs.isEmpty()) {
      return counts;
    }
    List<UUID> ids = runs.stream().map(RunRows.RunRow::id).toList();
    BoundStatement select = statements.get("step_counts").set("run_ids", StoredJson.ids(ids));
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        counts
            .computeIfAbsent(uuid(rows, "run_id"), run -> new EnumMap<>(JobState.class))
            .put(JobState.fromWire(rows.getString("state")), rows.getInt("steps"));
      }
    }
    return counts;
  }

  @Override
  public boolean cancelRun(UUID id) {
    long now = clock.millis();
    return transactions.write(
        "cancel run",
        statements -> {
          RunRows.RunRow run = RunRows.lock(statements, id);
          if (run.unfinished() == 0) {
            return false;
          }
          statements
              .get("cancel_run_steps")
              .set("run_id", text(id))
              .set("now", now)
              .executeUpdate();
          statements.get("disarm_run").set("run_id", text(id)).executeUpdate();
          statements.get("cancel_run").set("id", text(id)).set("now", now).executeUpdate();
          return true;
        });
  }

  @Override
  public boolean retryRun(UUID id) {
    long now = clock.millis();
    return writes.write(
        "retry run",
        (statements, woken) -> {
          RunRows.RunRow run = RunRows.lock(statements, id);
          if (run.state() == RunState.RUNNING || run.state() == RunState.COMPLETED) {
            return false;
          }
          List<UUID> renewed = new ArrayList<>();
          try (ResultSet rows =
              statements.get("renew_steps").set("run_id", text(id)).executeQuery()) {
            while (rows.next()) {
              renewed.add(uuid(rows, "id"));
            }
          }
          statements
              .get("restart_run")
              .set("id", text(id))
              .set("renewed", renewed.size())
              .set("now", now)
              .executeUpdate();
          if (!renewed.isEmpty()) {
            ReadySteps ready = new ReadySteps();
            BoundStatement recount =
                statements.get("recount_pending").set("ids", StoredJson.ids(renewed));
            try (ResultSet rows = recount.executeQuery()) {
              ready.read(rows);
            }
            ready.arm(statements, now, woken);
          }
          return true;
        });
  }

  @Override
  public boolean deleteRun(UUID id) {
    return transactions.write(
        "delete run",
        statements -> {
          if (!RunRows.lock(statements, id).settled()) {
            return false;
          }
          RunDeletion.delete(statements, List.of(id));
          return true;
        });
  }

  @Override
  public SignalOutcome signal(UUID runId, String signal, String body) {
    JobSpec.checkPayload(body, JobSpec.DEFAULT_MAX_PAYLOAD_BYTES);
    long now = clock.millis();
    return writes.write(
        "signal",
        (statements, woken) -> {
          RunRows.RunRow run = RunRows.lock(statements, runId);
          SignalOutcome outcome = SignalOutcome.UNKNOWN_SIGNAL;
          List<UUID> armed = new ArrayList<>();
          BoundStatement select =
              statements.get("signal_steps").set("run_id", text(run.id())).set("signal", signal);
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              if (rows.getInt("armed") == 1) {
                armed.add(uuid(rows, "job_id"));
                outcome = SignalOutcome.DELIVERED;
              } else if (outcome != SignalOutcome.DELIVERED) {
                outcome =
                    JobState.fromWire(rows.getString("state")).isTerminal()
                        ? SignalOutcome.ALREADY_FINISHED
                        : SignalOutcome.NOT_WAITING_YET;
              }
            }
          }
          if (!armed.isEmpty()) {
            statements.get("disarm_steps").set("ids", StoredJson.ids(armed)).executeUpdate();
            List<WaitEnd> ends = new ArrayList<>();
            armed.forEach(id -> ends.add(WaitEnd.signalled(id, run.id(), body)));
            woken.addAll(
                RunProgress.finished(statements, WaitEnd.apply(statements, ends, now), now));
          }
          return outcome;
        });
  }

  @Override
  public Optional<Instant> nextWaitAt() {
    return transactions.readAlone(
        "next wait",
        statements -> {
          try (ResultSet row = statements.get("next_wait").executeQuery()) {
            // MIN answers one row, its value null when nothing is waiting.
            return Optional.ofNullable(row.next() ? Columns.instantOrNull(row, "due") : null);
          }
        });
  }

  @Override
  public int fireDueWaits(int max) {
    if (max < 1) {
      return 0;
    }
    long now = clock.millis();
    return writes.write(
        "fire due waits",
        (statements, woken) -> {
          Map<UUID, Integer> attempts = new LinkedHashMap<>();
          BoundStatement due = statements.get("due_waits").set("now", now).set("limit", max);
          try (ResultSet rows = due.executeQuery()) {
            while (rows.next()) {
              attempts.put(uuid(rows, "job_id"), rows.getInt("attempt"));
            }
          }
          if (attempts.isEmpty()) {
            return 0;
          }
          List<WaitEnd> ends = new ArrayList<>();
          BoundStatement take =
              statements
                  .get("take_due_waits")
                  .set("ids", StoredJson.ids(List.copyOf(attempts.keySet())))
                  .set("now", now);
          try (ResultSet rows = take.executeQuery()) {
            while (rows.next()) {
              ends.add(WaitEnd.due(rows, attempts.get(uuid(rows, "job_id")), now));
            }
          }
          List<RunProgress.Ended> ended = WaitEnd.apply(statements, ends, now);
          woken.addAll(RunProgress.finished(statements, ended, now));
          return ended.size();
        });
  }

  @Override
  public Map<String, ParentResult> parents(UUID jobId) {
    return parentsOf(List.of(jobId)).get(jobId);
  }

  @Override
  public Map<UUID, Map<String, ParentResult>> parentsOf(Collection<UUID> jobIds) {
    Map<UUID, Map<String, ParentResult>> parents = new LinkedHashMap<>();
    jobIds.forEach(id -> parents.put(id, new LinkedHashMap<>()));
    if (jobIds.isEmpty()) {
      return parents;
    }
    return transactions.read(
        "parents",
        statements -> {
          BoundStatement select =
              statements.get("step_parents").set("ids", StoredJson.ids(List.copyOf(jobIds)));
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              parents
                  .get(uuid(rows, "child_id"))
                  .put(
                      rows.getString("name"),
                      new ParentResult(
                          JobState.fromWire(rows.getString("state")), rows.getString("result")));
            }
          }
          return parents;
        });
  }
}
