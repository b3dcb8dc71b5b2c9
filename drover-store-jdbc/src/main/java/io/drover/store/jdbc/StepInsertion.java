package io.drover.store.jdbc;

import static io.drover.store.jdbc.Columns.text;
import static io.drover.store.jdbc.Columns.uuid;

import io.drover.InvalidJobException;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.store.EarliestDue;
import io.drover.store.StoredJson;
import io.drover.store.WakeupMessage;
import io.drover.workflow.RunOn;
import io.drover.workflow.StepSpec;
import io.drover.workflow.StepWait;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Puts checked steps ({@link io.drover.workflow.PlanCheck}) into a run, in the transaction of
 * whatever adds them (a run created, or a completion that fans out): their jobs, blocked while they
 * wait; their steps rows with their children and the count of parents still pending; the new
 * children of steps already in the run; the run's counters. A new step whose finished parent does
 * not let it start is cancelled at once, as its parent finishing would have done.
 */
final class StepInsertion {
  /** How a step already in the run stands as a parent of new ones. */
  record Parent(String name, JobState state, boolean optional) {}

  /** A new step, what it waits on, and the parent that cancels it (or null). */
  private record NewStep(StepSpec spec, int pending, String failedParent) {
    boolean blocked() {
      return pending > 0 || spec.waitsFor() != null || failedParent != null;
    }

    /** A wait whose parents have all finished: its clock starts now. */
    boolean armedWait() {
      return spec.waitsFor() != null && pending == 0 && failedParent == null;
    }
  }

  private StepInsertion() {}

  /**
   * Refuses steps whose job ids are taken, naming the first; writes nothing.
   *
   * @throws InvalidJobException naming the step
   */
  static void requireFreeIds(StatementCache statements, List<StepSpec> steps) throws SQLException {
    List<UUID> ids = steps.stream().map(step -> step.job().id()).toList();
    Set<UUID> taken = new HashSet<>();
    BoundStatement select = statements.get("taken_job_ids").set("ids", StoredJson.ids(ids));
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        taken.add(uuid(rows, "id"));
      }
    }
    for (StepSpec step : steps) {
      if (taken.contains(step.job().id())) {
        throw new InvalidJobException(
            "steps." + step.name() + ".id", "a job with id " + step.job().id() + " exists");
      }
    }
  }

  /**
   * Inserts {@code steps}, checked and free of taken ids, into run {@code runId}.
   *
   * @param position the run's step count so far: the first new step's position
   * @param existing the run's steps so far, by job id; new steps' parents are either these or new
   * @return queues that got claimable steps, to wake once the transaction commits
   */
  static Set<String> insert(
      StatementCache statements,
      Dialect dialect,
      UUID runId,
      int position,
      List<StepSpec> steps,
      Map<UUID, Parent> existing,
      long now)
      throws SQLException {
    if (steps.isEmpty()) {
      return Set.of();
    }
    List<NewStep> made = new ArrayList<>(steps.size());
    Set<UUID> blocked = new HashSet<>();
    for (StepSpec spec : steps) {
      NewStep step = placed(spec, existing);
      made.add(step);
      if (step.blocked()) {
        blocked.add(spec.job().id());
      }
    }
    Map<UUID, List<UUID>> children = new HashMap<>();
    for (StepSpec spec : steps) {
      for (UUID parent : spec.job().dependsOn()) {
        children.computeIfAbsent(parent, id -> new ArrayList<>()).add(spec.job().id());
      }
    }
    insertJobs(statements, dialect, steps, blocked, now);
    insertSteps(statements, runId, position, made, children, now);
    addChildren(statements, children, existing.keySet());
    statements.get("grow_run").set("id", text(runId)).set("added", steps.size()).executeUpdate();
    Set<String> woken = new LinkedHashSet<>();
    Set<String> queues = new LinkedHashSet<>();
    EarliestDue dues = new EarliestDue();
    for (StepSpec spec : steps) {
      JobSpec job = spec.job();
      queues.add(job.queue());
      if (!blocked.contains(job.id())) {
        long runAt = JobRows.runAt(job, now);
        if (JobRows.initialState(runAt, now) == JobState.WAITING) {
          woken.add(job.queue());
        } else {
          dues.add(job.queue(), Instant.ofEpochMilli(runAt));
        }
      }
    }
    dues.addTo(woken);
    announceWaits(made, now, woken);
    Enqueuer.registerQueues(statements, queues);
    woken.addAll(cancelForFailedParents(statements, runId, made, now));
    return woken;
  }

  /** Adds when the earliest wait these steps start ends to {@code woken}. */
  private static void announceWaits(List<NewStep> made, long now, Set<String> woken) {
    long earliest = Long.MAX_VALUE;
    for (NewStep step : made) {
      Duration deadline = step.armedWait() ? step.spec().waitsFor().deadline() : null;
      if (deadline != null) {
        earliest = Math.min(earliest, now + deadline.toMillis());
      }
    }
    if (earliest != Long.MAX_VALUE) {
      woken.add(WakeupMessage.waitDue(Instant.ofEpochMilli(earliest)));
    }
  }

  /** A new step with its parents counted: pending while unfinished, or cancelling it. */
  private static NewStep placed(StepSpec spec, Map<UUID, Parent> existing) {
    int pending = 0;
    String failedParent = null;
    for (UUID parentId : spec.job().dependsOn()) {
      Parent parent = existing.get(parentId);
      if (parent == null || !parent.state().isTerminal()) {
        pending++;
      } else if (failedParent == null && !lets(parent, spec)) {
        failedParent = parent.name();
      }
    }
    return new NewStep(spec, pending, failedParent);
  }

  private static boolean lets(Parent parent, StepSpec child) {
    return parent.state() == JobState.COMPLETED
        || parent.optional()
        || child.runOn() == RunOn.FINISHED;
  }

  private static void insertJobs(
      StatementCache statements, Dialect dialect, List<StepSpec> steps, Set<UUID> blocked, long now)
      throws SQLException {
    List<JobSpec> jobs = steps.stream().map(StepSpec::job).toList();
    boolean[] inserted = dialect.insertJobs(statements, jobs, blocked, now);
    for (int i = 0; i < inserted.length; i++) {
      if (!inserted[i]) {
        // requireFreeIds found it free: another transaction took the id since. Nothing of this
        // transaction may stand; the caller tries again and is then refused by requireFreeIds.
        throw new IllegalStateException(
            "job id " + jobs.get(i).id() + " of step '" + steps.get(i).name() + "' was taken");
      }
    }
  }

  private static void insertSteps(
      StatementCache statements,
      UUID runId,
      int position,
      List<NewStep> made,
      Map<UUID, List<UUID>> children,
      long now)
      throws SQLException {
    BoundStatement insert = statements.get("insert_step");
    int next = position;
    for (NewStep step : made) {
      StepSpec spec = step.spec();
      StepWait wait = spec.waitsFor();
      Duration deadline = wait == null ? null : wait.deadline();
      insert
          .set("job_id", text(spec.job().id()))
          .set("run_id", text(runId))
          .set("name", spec.name())
          .set("position", next++)
          .set("optional", spec.optional() ? 1 : 0)
          .set("run_on", spec.runOn().wireName())
          .set("max_attempts", spec.job().maxAttempts())
          .set("wait_kind", RunRows.waitKind(wait))
          .set("wait_signal", wait instanceof StepWait.Signal signal ? signal.signal() : null)
          .set("wait_ms", deadline == null ? null : deadline.toMillis())
          .set("on_timeout", wait instanceof StepWait.Signal signal ? signal.onTimeout() : null)
          .set("children", StoredJson.ids(children.getOrDefault(spec.job().id(), List.of())))
          .set("pending", step.pending())
          .set("armed", step.armedWait() ? 1 : 0)
          .set("wake_at", step.armedWait() && deadline != null ? now + deadline.toMillis() : null)
          .addBatch();
    }
    insert.executeBatch();
  }

  /** Appends new steps to the children of the steps already in the run they depend on. */
  private static void addChildren(
      StatementCache statements, Map<UUID, List<UUID>> children, Set<UUID> existing)
      throws SQLException {
    BoundStatement add = statements.get("add_children");
    boolean any = false;
    for (Map.Entry<UUID, List<UUID>> parent : children.entrySet()) {
      if (existing.contains(parent.getKey())) {
        add.set("job_id", text(parent.getKey()))
            .set("added", StoredJson.ids(parent.getValue()))
            .addBatch();
        any = true;
      }
    }
    if (any) {
      add.executeBatch();
    }
  }

  /** Cancels the new steps a finished parent does not let start, and what that cascades to. */
  private static Set<String> cancelForFailedParents(
      StatementCache statements, UUID runId, List<NewStep> made, long now) throws SQLException {
    List<RunProgress.Ended> cancelled = new ArrayList<>();
    BoundStatement finish = statements.get("finish_blocked_step");
    for (NewStep step : made) {
      if (step.failedParent() != null) {
        UUID id = step.spec().job().id();
        // A new step has made no attempt.
        String error = RunProgress.error(0, RunProgress.dependencyFailed(step.failedParent()), now);
        RunProgress.bindFinish(finish, id, JobState.CANCELLED, null, error, now).executeUpdate();
        cancelled.add(new RunProgress.Ended(id, runId, JobState.CANCELLED, true));
      }
    }
    return RunProgress.finished(statements, cancelled, now);
  }
}
