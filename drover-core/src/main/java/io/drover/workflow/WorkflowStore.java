package io.drover.workflow;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The runs of a store that {@link io.drover.store.JobStore#supportsWorkflows() runs workflows}
 * (DESIGN §1, the workflows issue); {@code drover-store-tck}'s {@code RunContract} defines it.
 *
 * <p>A run's steps are jobs of the store, claimed and acknowledged like any other. What makes them
 * a run happens inside the store's own atomic operations, so no crash can leave a run stuck:
 *
 * <ul>
 *   <li>A step's job starts {@code blocked} while it has parents that have not finished, else
 *       {@code waiting} (or {@code scheduled}); a step that waits for a signal or a timer stays
 *       {@code blocked} until the store completes it.
 *   <li>When a step finishes, in the same operation, each child's count of pending parents drops by
 *       one (constant work per edge); a child whose count reaches zero is armed. A step that failed
 *       for good (or was cancelled) and is not optional cancels each child that runs on {@link
 *       RunOn#COMPLETED}, naming the parent, and fails the run.
 *   <li>A completion may add steps to its run ({@link io.drover.store.Completion#addSteps()}),
 *       checked by {@link PlanCheck} against the run's steps, in the same operation.
 *   <li>When the run's last unfinished step finishes, the run completes (or stays failed).
 * </ul>
 *
 * Steps are removed with their run: retention removes a finished run with all its steps, and no
 * step is cleaned up, deleted or purged on its own.
 */
public interface WorkflowStore {

  /**
   * Stores the run and its steps atomically. A run whose id exists makes nothing.
   *
   * @return the id, and whether the run was made now
   */
  RunCreated createRun(RunSpec spec);

  /** The run with every step, or empty. */
  Optional<Run> run(UUID id);

  /**
   * The run without its steps, or empty: what a step's handler reads (the input) and what events
   * tell (the state), answered without reading the steps.
   */
  Optional<RunHead> head(UUID runId);

  /** Runs matching the query, newest first, without their steps. */
  RunPage runs(RunQuery query);

  /**
   * Cancels every step that has not finished (an active step's worker loses its lease) and the run.
   *
   * @return true if the run was cancelled now, false if it had finished already
   * @throws RunNotFoundException if no run has this id
   */
  boolean cancelRun(UUID id);

  /**
   * Arms a failed or cancelled run's failed and cancelled steps again, each {@code blocked} or
   * {@code waiting} as its parents say and with its attempts renewed, keeping completed steps and
   * their results, and makes the run {@code running}.
   *
   * @return true if the run was retried, false if it is running or completed
   * @throws RunNotFoundException if no run has this id
   */
  boolean retryRun(UUID id);

  /**
   * Deletes a finished run with all its steps.
   *
   * @return true if deleted, false if the run is still running
   * @throws RunNotFoundException if no run has this id
   */
  boolean deleteRun(UUID id);

  /**
   * Completes the run's step waiting for {@code signal} with {@code body} (JSON) as its result, and
   * unblocks its children as a completion does.
   *
   * @throws RunNotFoundException if no run has this id
   */
  SignalOutcome signal(UUID runId, String signal, String body);

  /**
   * Completes up to {@code max} timers that are due and settles signals whose timeout passed
   * (failed, or completed with their {@code on_timeout} result), earliest first. Safe to run from
   * any number of processes at once.
   *
   * @return how many steps it finished
   */
  int fireDueWaits(int max);

  /**
   * When the earliest wait with a deadline ends (a timer, a signal's timeout), whether it is due
   * already or not; empty when none is armed. Starting such a wait announces its end to {@link
   * io.drover.store.JobStore#subscribe} listeners ({@link io.drover.store.WakeupListener#waitDue}).
   */
  Optional<Instant> nextWaitAt();

  /**
   * The parents of a step, by step name: how each ended and its result. Empty for a job that is not
   * a step or has no parents.
   */
  Map<String, ParentResult> parents(UUID jobId);

  /**
   * The parents of each of {@code jobIds} as {@link #parents(UUID)} answers them, read together:
   * what a claim of several steps hands its worker. Every id given has an entry, empty for a job
   * that is not a step or has no parents. A store that can read them in one round trip overrides
   * this.
   */
  default Map<UUID, Map<String, ParentResult>> parentsOf(Collection<UUID> jobIds) {
    Map<UUID, Map<String, ParentResult>> parents = new LinkedHashMap<>();
    for (UUID id : jobIds) {
      parents.put(id, parents(id));
    }
    return parents;
  }
}
