package io.drover.store.jdbc;

import static io.drover.store.jdbc.Columns.text;
import static io.drover.store.jdbc.Columns.uuid;
import static io.drover.store.jdbc.Columns.uuidOrNull;

import io.drover.InvalidJobException;
import io.drover.JobError;
import io.drover.JobState;
import io.drover.store.Completion;
import io.drover.store.Failure;
import io.drover.store.JobChange;
import io.drover.workflow.PlanCheck;
import io.drover.workflow.StepSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Completions that add steps to their run (fan-out at run time), applied before the completions
 * themselves in the same transaction: each is checked against its run, which it holds locked, and
 * its steps are stored while the completing step is still active, so its new children count it as a
 * pending parent and its completion releases them as it releases the others. A completion whose
 * steps break a rule fails its job for good instead, with the rule as its error, so the run sees
 * why. Completions adding nothing pass through untouched and cost nothing.
 */
final class FanOut {
  private FanOut() {}

  /**
   * Applies the completions, those that add steps as said above.
   *
   * @param woken gets the queues of added steps that are claimable at once
   * @return what changed, one answer per job changed, in the completions' order: completed, or, its
   *     steps refused, failed for good
   */
  static List<JobChange> complete(
      Dialect dialect,
      StatementCache statements,
      List<Completion> completions,
      long now,
      Set<String> woken)
      throws SQLException {
    if (completions.stream().allMatch(completion -> completion.addSteps().isEmpty())) {
      return FencedBatch.complete(dialect, statements, completions, now);
    }
    List<Completion> kept = new ArrayList<>(completions.size());
    List<Failure> refused = new ArrayList<>();
    for (Completion completion : completions) {
      Held held = completion.addSteps().isEmpty() ? null : held(statements, completion);
      if (held == null) {
        // Nothing to add, or the lease is lost and the completion will not apply either.
        kept.add(completion);
        continue;
      }
      try {
        woken.addAll(add(statements, dialect, held, completion.addSteps(), now));
        kept.add(completion);
      } catch (InvalidJobException broken) {
        JobError error =
            new JobError(held.attempt(), broken.getMessage(), null, Instant.ofEpochMilli(now));
        refused.add(new Failure(completion.lease(), error, null));
      }
    }
    List<JobChange> changes = new ArrayList<>(FencedBatch.complete(dialect, statements, kept, now));
    changes.addAll(FencedBatch.fail(dialect, statements, refused, now, woken));
    Map<UUID, Integer> order = new HashMap<>();
    for (int i = completions.size() - 1; i >= 0; i--) {
      order.put(completions.get(i).lease().jobId(), i);
    }
    changes.sort(Comparator.comparing(change -> order.get(change.id())));
    return changes;
  }

  /** The completing job, locked while it is held under the completion's lease, or null. */
  private record Held(UUID runId, int attempt) {}

  private static Held held(StatementCache statements, Completion completion) throws SQLException {
    BoundStatement select =
        statements
            .get("held_job")
            .set("id", text(completion.lease().jobId()))
            .set("token", completion.lease().token());
    try (ResultSet row = select.executeQuery()) {
      return row.next() ? new Held(uuidOrNull(row, "run_id"), row.getInt("attempt")) : null;
    }
  }

  /**
   * Checks the added steps against the run, then stores them.
   *
   * @throws InvalidJobException naming the rule they break, having written nothing
   */
  private static Set<String> add(
      StatementCache statements, Dialect dialect, Held held, List<StepSpec> added, long now)
      throws SQLException {
    if (held.runId() == null) {
      throw new InvalidJobException("add_steps", "only a step of a run can add steps");
    }
    RunRows.RunRow run = RunRows.lock(statements, held.runId());
    Map<String, UUID> names = new HashMap<>();
    Map<UUID, StepInsertion.Parent> parents = new HashMap<>();
    BoundStatement select = statements.get("plan_steps").set("run_id", text(run.id()));
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        UUID id = uuid(rows, "job_id");
        String name = rows.getString("name");
        names.put(name, id);
        parents.put(
            id,
            new StepInsertion.Parent(
                name, JobState.fromWire(rows.getString("state")), rows.getInt("optional") == 1));
      }
    }
    List<StepSpec> placed = PlanCheck.place(run.id(), names, added, run.maxSteps());
    StepInsertion.requireFreeIds(statements, placed);
    return StepInsertion.insert(
        statements, dialect, run.id(), run.stepCount(), placed, parents, now);
  }
}
