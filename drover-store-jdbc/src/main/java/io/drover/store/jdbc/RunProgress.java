package io.drover.store.jdbc;

import static io.drover.store.jdbc.Columns.text;
import static io.drover.store.jdbc.Columns.uuid;

import io.drover.JobError;
import io.drover.JobState;
import io.drover.store.JobOrder;
import io.drover.store.StoredJson;
import io.drover.workflow.RunOn;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What steps finishing does to their runs, inside the transaction that finished them, so no crash
 * can leave a run stuck ({@link io.drover.workflow.WorkflowStore} states the rules; the memory
 * store's {@code MemoryRuns} is their reference).
 *
 * <p>First each run's row is updated: its unfinished count drops, and it fails or completes. On
 * PostgreSQL that row lock comes before anything reads the steps' edges, which is what keeps a step
 * added at the same moment (which holds the lock while it reads its parents) from being missed.
 * Then the finished steps are walked in waves, set-based, constant work per edge: steps that let
 * their children start release them in one update that returns their new pending counts; one more
 * update arms those at 0. Steps that failed cost a read of their blocked children, which are
 * cancelled (the next wave) or, running on finished, released. The usual wave, steps that
 * completed, is two statements however many steps a batch finished.
 */
final class RunProgress {
  /**
   * A step that reached a terminal state.
   *
   * @param cascaded true when a failed parent cancelled it, which no option excuses
   */
  record Ended(UUID jobId, UUID runId, JobState state, boolean cascaded) {}

  /** A finished step as a parent: whether its children that run on completion may start. */
  private record Parent(UUID runId, boolean lets) {}

  /** A child a failed parent cancels: the error names that parent. */
  private record Cancelled(UUID runId, String parent, int attempt) {}

  /** Steps of one run that finished in this transaction, and whether any failed the run. */
  private static final class Tally {
    int finished;
    boolean failed;

    void add(boolean lets) {
      finished++;
      failed |= !lets;
    }
  }

  private RunProgress() {}

  /**
   * Moves the runs of {@code ended} on: counts, states, children armed or cancelled.
   *
   * @return queues that got claimable steps, to wake once the transaction commits
   */
  static Set<String> finished(StatementCache statements, List<Ended> ended, long now)
      throws SQLException {
    if (ended.isEmpty()) {
      return Set.of();
    }
    Set<UUID> optional = optional(statements, ended);
    Map<UUID, Parent> wave = new HashMap<>();
    // Every transaction settles its runs in id order, so two never wait on each other's run rows.
    Map<UUID, Tally> tallies = new TreeMap<>(JobOrder.ID_ASCENDING);
    for (Ended step : ended) {
      boolean lets =
          step.state() == JobState.COMPLETED
              || (!step.cascaded() && optional.contains(step.jobId()));
      wave.put(step.jobId(), new Parent(step.runId(), lets));
      tallies.computeIfAbsent(step.runId(), run -> new Tally()).add(lets);
    }
    settle(statements, tallies, now);
    Set<String> woken = new LinkedHashSet<>();
    Map<UUID, Tally> cascades = new TreeMap<>(JobOrder.ID_ASCENDING);
    while (!wave.isEmpty()) {
      wave = next(statements, wave, now, woken, cascades);
    }
    settle(statements, cascades, now);
    return woken;
  }

  /** A step cancelled on its own (its job cancelled): its wait stops, and its run moves on. */
  static Set<String> cancelled(StatementCache statements, UUID jobId, UUID runId, long now)
      throws SQLException {
    statements.get("disarm_steps").set("ids", StoredJson.ids(List.of(jobId))).executeUpdate();
    return finished(statements, List.of(new Ended(jobId, runId, JobState.CANCELLED, false)), now);
  }

  /** Which of the steps that failed or were cancelled on their own are optional. */
  private static Set<UUID> optional(StatementCache statements, List<Ended> ended)
      throws SQLException {
    List<UUID> asked = new ArrayList<>();
    for (Ended step : ended) {
      if (step.state() != JobState.COMPLETED && !step.cascaded()) {
        asked.add(step.jobId());
      }
    }
    if (asked.isEmpty()) {
      return Set.of();
    }
    Set<UUID> optional = new HashSet<>();
    BoundStatement select = statements.get("optional_steps").set("ids", StoredJson.ids(asked));
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        optional.add(uuid(rows, "job_id"));
      }
    }
    return optional;
  }

  private static void settle(StatementCache statements, Map<UUID, Tally> tallies, long now)
      throws SQLException {
    if (tallies.isEmpty()) {
      return;
    }
    BoundStatement settle = statements.get("settle_run");
    for (Map.Entry<UUID, Tally> run : tallies.entrySet()) {
      settle
          .set("id", text(run.getKey()))
          .set("finished", run.getValue().finished)
          .set("failed", run.getValue().failed ? 1 : 0)
          .set("now", now)
          .addBatch();
    }
    settle.executeBatch();
  }

  /**
   * One wave: releases the blocked children of {@code wave}'s steps, or cancels them.
   *
   * @return the children it cancelled, the next wave
   */
  private static Map<UUID, Parent> next(
      StatementCache statements,
      Map<UUID, Parent> wave,
      long now,
      Set<String> woken,
      Map<UUID, Tally> cascades)
      throws SQLException {
    List<UUID> letting = new ArrayList<>();
    List<UUID> failing = new ArrayList<>();
    wave.forEach((id, parent) -> (parent.lets() ? letting : failing).add(id));
    Map<UUID, Integer> releasedByFailing = new LinkedHashMap<>();
    Map<UUID, Cancelled> cancelled = new LinkedHashMap<>();
    if (!failing.isEmpty()) {
      BoundStatement children = statements.get("children").set("parents", StoredJson.ids(failing));
      try (ResultSet edges = children.executeQuery()) {
        while (edges.next()) {
          UUID child = uuid(edges, "child_id");
          if (!JobState.BLOCKED.wireName().equals(edges.getString("state"))) {
            continue; // cancelled by another parent, or (in a retried run) finished already
          }
          if (RunOn.FINISHED.wireName().equals(edges.getString("run_on"))) {
            releasedByFailing.merge(child, 1, Integer::sum);
          } else {
            UUID runId = wave.get(uuid(edges, "parent_id")).runId();
            cancelled.putIfAbsent(
                child,
                new Cancelled(runId, edges.getString("parent_name"), edges.getInt("attempt")));
          }
        }
      }
    }
    // Cancelled first, so no release below can count them. (None could reach 0 anyway: a parent
    // that cancels a child never counts towards its start.)
    Map<UUID, Parent> next = cancel(statements, cancelled, now, cascades);
    ReadySteps ready = new ReadySteps();
    if (!letting.isEmpty()) {
      BoundStatement release =
          statements.get("release_children").set("parents", StoredJson.ids(letting));
      try (ResultSet rows = release.executeQuery()) {
        ready.read(rows);
      }
    }
    release(statements, releasedByFailing, ready);
    ready.arm(statements, now, woken);
    return next;
  }

  /** Drops each child's pending count by the given number of parents. */
  private static void release(
      StatementCache statements, Map<UUID, Integer> released, ReadySteps ready)
      throws SQLException {
    Map<Integer, List<UUID>> byDecrement = new HashMap<>();
    released.forEach(
        (child, parents) ->
            byDecrement.computeIfAbsent(parents, n -> new ArrayList<>()).add(child));
    BoundStatement release = statements.get("release_steps");
    for (Map.Entry<Integer, List<UUID>> group : byDecrement.entrySet()) {
      release.set("released", group.getKey()).set("ids", StoredJson.ids(group.getValue()));
      try (ResultSet rows = release.executeQuery()) {
        ready.read(rows);
      }
    }
  }

  private static Map<UUID, Parent> cancel(
      StatementCache statements,
      Map<UUID, Cancelled> cancelled,
      long now,
      Map<UUID, Tally> cascades)
      throws SQLException {
    if (cancelled.isEmpty()) {
      return Map.of();
    }
    List<UUID> children = new ArrayList<>(cancelled.keySet());
    BoundStatement finish = statements.get("finish_blocked_step");
    for (UUID child : children) {
      Cancelled why = cancelled.get(child);
      String error = error(why.attempt(), dependencyFailed(why.parent()), now);
      bindFinish(finish, child, JobState.CANCELLED, null, error, now);
      finish.addBatch();
    }
    int[] counts = finish.executeBatch();
    Map<UUID, Parent> next = new HashMap<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        UUID runId = cancelled.get(children.get(i)).runId();
        next.put(children.get(i), new Parent(runId, false));
        cascades.computeIfAbsent(runId, run -> new Tally()).add(false);
      }
    }
    return next;
  }

  /**
   * Binds {@code finish_blocked_step}: ends a step no worker holds (a wait, or a blocked step) in
   * {@code state}, with its result and an error to append, or none.
   */
  static BoundStatement bindFinish(
      BoundStatement finish, UUID jobId, JobState state, String result, String error, long now)
      throws SQLException {
    return finish
        .set("id", text(jobId))
        .set("state", state.wireName())
        .set("result", result)
        .set("error", error)
        .set("now", now);
  }

  /** Why a step was cancelled for its parent. */
  static String dependencyFailed(String parent) {
    return "cancelled: dependency '" + parent + "' failed";
  }

  /** An error as {@code finish_blocked_step} appends it. */
  static String error(int attempt, String message, long now) {
    return StoredJson.error(new JobError(attempt, message, null, Instant.ofEpochMilli(now)));
  }
}
