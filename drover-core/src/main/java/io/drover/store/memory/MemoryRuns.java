package io.drover.store.memory;

import io.drover.InvalidJobException;
import io.drover.JobError;
import io.drover.JobState;
import io.drover.store.JobOrder;
import io.drover.store.WakeupMessage;
import io.drover.workflow.ParentResult;
import io.drover.workflow.PlanCheck;
import io.drover.workflow.Run;
import io.drover.workflow.RunCreated;
import io.drover.workflow.RunHead;
import io.drover.workflow.RunNotFoundException;
import io.drover.workflow.RunPage;
import io.drover.workflow.RunQuery;
import io.drover.workflow.RunState;
import io.drover.workflow.SignalOutcome;
import io.drover.workflow.Step;
import io.drover.workflow.StepSpec;
import io.drover.workflow.StepWait;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The memory store's runs: the edges between steps and the rules of {@link
 * io.drover.workflow.WorkflowStore}, applied to the {@link JobTable}'s jobs. Not thread-safe;
 * {@link MemoryJobStore} calls it under its lock, in the same turn of the lock as the job change
 * that triggers it, which is what makes unblocking atomic here.
 */
final class MemoryRuns {
  private final JobTable table;
  private final NavigableMap<UUID, StoredRun> runs = new TreeMap<>(JobOrder.ID_ASCENDING);
  private final Map<UUID, StoredStep> steps = new HashMap<>();
  private final TreeSet<StoredStep> armedWaits = new TreeSet<>(StoredStep.BY_WAKE_AT);
  private final TreeSet<StoredRun> settled = new TreeSet<>(StoredRun.BY_FINISHED_AT);

  MemoryRuns(JobTable table) {
    this.table = table;
  }

  /** A step that ended, and whether it ended because a parent failed (which no option excuses). */
  private record Ended(StoredJob job, boolean cascaded) {}

  boolean isStep(UUID jobId) {
    return steps.containsKey(jobId);
  }

  UUID runOf(UUID jobId) {
    return steps.get(jobId).runId;
  }

  RunCreated create(io.drover.workflow.RunSpec spec, Instant now, Set<String> woken) {
    if (runs.containsKey(spec.id())) {
      return new RunCreated(spec.id(), false);
    }
    requireFreeIds(spec.steps());
    StoredRun run = new StoredRun(spec.id(), spec.name(), spec.input(), spec.maxSteps(), now);
    runs.put(run.id, run);
    insert(run, spec.steps(), now, woken);
    if (run.unfinished == 0) {
      settle(run, RunState.COMPLETED, now);
    }
    return new RunCreated(run.id, true);
  }

  /**
   * Adds steps to a running step's run, checked against the run's steps, before that step's
   * completion is applied: the step is still unfinished, so its new children count it as pending.
   *
   * @throws InvalidJobException naming the step that breaks a rule; nothing is added then
   */
  void add(UUID parentJobId, List<StepSpec> added, Instant now, Set<String> woken) {
    StoredStep parent = steps.get(parentJobId);
    if (parent == null) {
      throw new InvalidJobException("add_steps", "only a step of a run can add steps");
    }
    StoredRun run = runs.get(parent.runId);
    List<StepSpec> placed = PlanCheck.place(run.id, run.byName, added, run.maxSteps);
    requireFreeIds(placed);
    insert(run, placed, now, woken);
  }

  private void requireFreeIds(List<StepSpec> specs) {
    for (StepSpec step : specs) {
      if (table.contains(step.job().id())) {
        throw new InvalidJobException(
            "steps." + step.name() + ".id", "a job with id " + step.job().id() + " exists");
      }
    }
  }

  private void insert(StoredRun run, List<StepSpec> placed, Instant now, Set<String> woken) {
    List<StoredStep> made = new ArrayList<>(placed.size());
    for (StepSpec spec : placed) {
      StoredStep step = new StoredStep(run.id, spec);
      steps.put(step.jobId, step);
      run.byName.put(spec.name(), step.jobId);
      run.stepIds.add(step.jobId);
      run.unfinished++;
      StoredJob job = new StoredJob(spec.job(), now, now);
      job.state = JobState.BLOCKED;
      table.insert(job, now);
      made.add(step);
    }
    Deque<Ended> ended = new ArrayDeque<>();
    for (StoredStep step : made) {
      String failedParent = null;
      for (UUID parentId : step.spec.job().dependsOn()) {
        steps.get(parentId).children.add(step.jobId);
        StoredJob parent = table.find(parentId);
        if (!parent.state.isTerminal()) {
          step.pending++;
        } else if (!lets(steps.get(parentId), parent, false, step)) {
          failedParent = steps.get(parentId).name();
        }
      }
      StoredJob job = table.find(step.jobId);
      if (failedParent != null) {
        cancelForParent(job, failedParent, now);
        ended.add(new Ended(job, true));
      } else if (step.pending == 0) {
        arm(step, job, now, woken);
      }
    }
    propagate(ended, now, woken);
  }

  /** Whether a finished parent lets {@code child} start, rather than cancelling it. */
  private static boolean lets(
      StoredStep parent, StoredJob job, boolean cascaded, StoredStep child) {
    boolean excused = job.state == JobState.COMPLETED || (parent.spec.optional() && !cascaded);
    return excused || child.spec.runOn() == io.drover.workflow.RunOn.FINISHED;
  }

  /** A step whose parents are done: a job becomes claimable; a wait starts its clock. */
  private void arm(StoredStep step, StoredJob job, Instant now, Set<String> woken) {
    StepWait wait = step.spec.waitsFor();
    if (wait == null) {
      Instant runAt = job.spec.runAt() == null ? now : MemoryJobStore.millis(job.spec.runAt());
      table.change(
          job,
          now,
          armed -> {
            armed.runAt = runAt.isAfter(now) ? runAt : now;
            armed.state = runAt.isAfter(now) ? JobState.SCHEDULED : JobState.WAITING;
          });
      woken.add(job.queue());
      return;
    }
    step.armed = true;
    Duration deadline = wait.deadline();
    if (deadline != null) {
      step.wakeAt = MemoryJobStore.millis(io.drover.Bounds.plus(now, deadline));
      armedWaits.add(step);
      woken.add(WakeupMessage.waitDue(step.wakeAt));
    }
  }

  /** When the earliest armed wait with a deadline ends, or null. */
  Optional<Instant> nextWaitAt() {
    return armedWaits.isEmpty() ? Optional.empty() : Optional.of(armedWaits.first().wakeAt);
  }

  /**
   * A step that finished no longer waits. Only a step with a deadline is in {@code armedWaits}: the
   * set's order cannot even compare one without.
   */
  private void disarm(StoredStep step) {
    if (step.wakeAt != null) {
      armedWaits.remove(step);
      step.wakeAt = null;
    }
    step.armed = false;
  }

  /** Called once a step's job reached a terminal state by any path. */
  void finished(StoredJob job, Instant now, Set<String> woken) {
    if (isStep(job.id())) {
      Deque<Ended> ended = new ArrayDeque<>();
      ended.add(new Ended(job, false));
      propagate(ended, now, woken);
    }
  }

  /**
   * Walks what each ended step causes, iteratively, so a cancellation cascading down a chain of
   * 10,000 steps needs no deep stack; each edge is visited once.
   */
  private void propagate(Deque<Ended> ended, Instant now, Set<String> woken) {
    Ended next;
    while ((next = ended.poll()) != null) {
      StoredStep step = steps.get(next.job().id());
      StoredRun run = runs.get(step.runId);
      disarm(step);
      run.unfinished--;
      boolean excused =
          next.job().state == JobState.COMPLETED || (step.spec.optional() && !next.cascaded());
      if (!excused && run.state == RunState.RUNNING) {
        settle(run, RunState.FAILED, now);
      }
      for (UUID childId : step.children) {
        StoredJob child = table.find(childId);
        if (child.state != JobState.BLOCKED) {
          continue;
        }
        StoredStep childStep = steps.get(childId);
        if (lets(step, next.job(), next.cascaded(), childStep)) {
          if (--childStep.pending == 0) {
            arm(childStep, child, now, woken);
          }
        } else {
          cancelForParent(child, step.name(), now);
          ended.add(new Ended(child, true));
        }
      }
      if (run.unfinished == 0 && run.state == RunState.RUNNING) {
        settle(run, RunState.COMPLETED, now);
      } else if (run.unfinished == 0) {
        settled.add(run);
      }
    }
  }

  private void cancelForParent(StoredJob child, String parent, Instant now) {
    table.change(
        child,
        now,
        cancelled -> {
          cancelled.addError(
              new JobError(
                  cancelled.attempt, "cancelled: dependency '" + parent + "' failed", null, now));
          cancelled.finish(JobState.CANCELLED, now);
        });
  }

  private void settle(StoredRun run, RunState state, Instant now) {
    if (run.finishedAt != null) {
      settled.remove(run); // filed under its old finish time
    }
    run.state = state;
    run.finishedAt = now;
    if (run.unfinished == 0) {
      settled.add(run);
    }
  }

  /** Cancels every unfinished step of the run; a running run becomes cancelled. */
  boolean cancel(UUID runId, Instant now) {
    StoredRun run = require(runId);
    if (run.unfinished == 0) {
      return false;
    }
    for (UUID id : run.stepIds) {
      StoredJob job = table.find(id);
      if (!job.state.isTerminal()) {
        table.change(job, now, cancelled -> cancelled.finish(JobState.CANCELLED, now));
        disarm(steps.get(id));
      }
    }
    run.unfinished = 0;
    if (run.state == RunState.RUNNING) {
      settle(run, RunState.CANCELLED, now);
    } else {
      settled.add(run);
    }
    return true;
  }

  /** Arms a failed or cancelled run's failed and cancelled steps again. */
  boolean retry(UUID runId, Instant now, Set<String> woken) {
    StoredRun run = require(runId);
    if (run.state == RunState.RUNNING || run.state == RunState.COMPLETED) {
      return false;
    }
    List<StoredStep> again = new ArrayList<>();
    for (UUID id : run.stepIds) {
      StoredJob job = table.find(id);
      if (job.state == JobState.FAILED || job.state == JobState.CANCELLED) {
        table.change(
            job,
            now,
            renewed -> {
              renewed.state = JobState.BLOCKED;
              renewed.finishedAt = null;
              renewed.maxAttempts = renewed.attempt + renewed.spec.maxAttempts();
            });
        again.add(steps.get(id));
        run.unfinished++;
      }
    }
    settled.remove(run);
    run.state = RunState.RUNNING;
    run.finishedAt = null;
    for (StoredStep step : again) {
      step.pending = 0;
      for (UUID parentId : step.spec.job().dependsOn()) {
        if (!table.find(parentId).state.isTerminal()) {
          step.pending++;
        }
      }
    }
    for (StoredStep step : again) {
      if (step.pending == 0) {
        arm(step, table.find(step.jobId), now, woken);
      }
    }
    if (run.unfinished == 0) {
      settle(run, RunState.COMPLETED, now);
    }
    return true;
  }

  /** Deletes a settled run with its steps' jobs. */
  boolean delete(UUID runId) {
    StoredRun run = require(runId);
    if (!run.isSettled()) {
      return false;
    }
    remove(run);
    return true;
  }

  private void remove(StoredRun run) {
    for (UUID id : run.stepIds) {
      steps.remove(id);
      table.delete(table.find(id));
    }
    settled.remove(run);
    runs.remove(run.id);
  }

  /**
   * Removes settled runs that finished before their state's cutoff, oldest first, up to {@code
   * budget} jobs' worth of steps (a run is removed whole, so one large run may go over).
   *
   * @return the number of step jobs removed
   */
  int cleanup(Map<RunState, Instant> cutoffs, int budget) {
    int removed = 0;
    List<StoredRun> due = new ArrayList<>();
    for (StoredRun run : settled) {
      if (removed >= budget) {
        break;
      }
      if (run.finishedAt.isBefore(cutoffs.get(run.state))) {
        due.add(run);
        removed += run.stepIds.size();
      }
    }
    due.forEach(this::remove);
    return removed;
  }

  SignalOutcome signal(UUID runId, String signal, String body, Instant now, Set<String> woken) {
    StoredRun run = require(runId);
    SignalOutcome outcome = SignalOutcome.UNKNOWN_SIGNAL;
    for (UUID id : run.stepIds) {
      StoredStep step = steps.get(id);
      if (step.spec.waitsFor() instanceof StepWait.Signal wanted
          && wanted.signal().equals(signal)) {
        StoredJob job = table.find(id);
        if (step.armed) {
          complete(job, body, now);
          finished(job, now, woken);
          outcome = SignalOutcome.DELIVERED;
        } else if (outcome != SignalOutcome.DELIVERED) {
          outcome =
              job.state.isTerminal()
                  ? SignalOutcome.ALREADY_FINISHED
                  : SignalOutcome.NOT_WAITING_YET;
        }
      }
    }
    return outcome;
  }

  int fireDueWaits(int max, Instant now, Set<String> woken) {
    int fired = 0;
    while (fired < max && !armedWaits.isEmpty() && !armedWaits.first().wakeAt.isAfter(now)) {
      StoredStep step = armedWaits.first();
      StoredJob job = table.find(step.jobId);
      switch (step.spec.waitsFor()) {
        case StepWait.Timer timer -> complete(job, null, now);
        case StepWait.Signal signal when signal.onTimeout() != null ->
            complete(job, signal.onTimeout(), now);
        case StepWait.Signal signal -> timeOut(job, signal, now);
      }
      finished(job, now, woken);
      fired++;
    }
    return fired;
  }

  private void complete(StoredJob job, String result, Instant now) {
    table.change(job, now, done -> done.complete(result, now));
  }

  private void timeOut(StoredJob job, StepWait.Signal signal, Instant now) {
    table.change(
        job,
        now,
        failed -> {
          failed.addError(
              new JobError(
                  failed.attempt,
                  "signal '"
                      + signal.signal()
                      + "' did not arrive within "
                      + signal.timeout().toMillis()
                      + " ms",
                  null,
                  now));
          failed.finish(JobState.FAILED, now);
        });
  }

  Map<String, ParentResult> parents(UUID jobId) {
    StoredStep step = steps.get(jobId);
    if (step == null) {
      return Map.of();
    }
    Map<String, ParentResult> parents = new LinkedHashMap<>();
    for (UUID parentId : step.spec.job().dependsOn()) {
      StoredJob parent = table.find(parentId);
      parents.put(steps.get(parentId).name(), new ParentResult(parent.state, parent.result));
    }
    return parents;
  }

  RunHead head(UUID runId) {
    StoredRun run = runs.get(runId);
    return run == null
        ? null
        : new RunHead(run.id, run.name, run.input, run.state, run.createdAt, run.finishedAt);
  }

  Run view(UUID runId) {
    StoredRun run = runs.get(runId);
    if (run == null) {
      return null;
    }
    List<Step> views = new ArrayList<>(run.stepIds.size());
    for (UUID id : run.stepIds) {
      StepSpec spec = steps.get(id).spec;
      views.add(
          new Step(
              spec.name(),
              spec.dependsOn(),
              spec.optional(),
              spec.runOn(),
              spec.waitsFor(),
              table.find(id).snapshot()));
    }
    return summary(run, views);
  }

  RunPage page(RunQuery query) {
    UUID after =
        query.cursor() == null ? null : io.drover.store.JobPage.decodeCursor(query.cursor());
    NavigableMap<UUID, StoredRun> older = after == null ? runs : runs.headMap(after, false);
    List<Run> fetched = new ArrayList<>();
    for (StoredRun run : older.descendingMap().values()) {
      if (matches(query, run)) {
        fetched.add(summary(run, List.of()));
        if (fetched.size() > query.limit()) {
          break;
        }
      }
    }
    return RunPage.of(fetched, query.limit());
  }

  private static boolean matches(RunQuery query, StoredRun run) {
    return (query.state() == null || query.state() == run.state)
        && (query.name() == null || query.name().equals(run.name))
        && (query.createdFrom() == null || !run.createdAt.isBefore(query.createdFrom()))
        && (query.createdTo() == null || run.createdAt.isBefore(query.createdTo()));
  }

  private Run summary(StoredRun run, List<Step> views) {
    Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
    for (UUID id : run.stepIds) {
      counts.merge(table.find(id).state, 1, Integer::sum);
    }
    return new Run(
        run.id,
        run.name,
        run.input,
        run.state,
        run.maxSteps,
        counts,
        run.createdAt,
        run.finishedAt,
        views);
  }

  private StoredRun require(UUID runId) {
    StoredRun run = runs.get(runId);
    if (run == null) {
      throw new RunNotFoundException(runId);
    }
    return run;
  }
}
