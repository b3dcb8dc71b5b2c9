package io.drover.store.jdbc;

import static io.drover.store.jdbc.Columns.instant;
import static io.drover.store.jdbc.Columns.instantOrNull;
import static io.drover.store.jdbc.Columns.text;
import static io.drover.store.jdbc.Columns.uuid;

import io.drover.Job;
import io.drover.JobState;
import io.drover.workflow.Run;
import io.drover.workflow.RunHead;
import io.drover.workflow.RunNotFoundException;
import io.drover.workflow.RunOn;
import io.drover.workflow.RunState;
import io.drover.workflow.Step;
import io.drover.workflow.StepWait;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Maps the {@code runs} and {@code steps} tables to {@link Run} and {@link Step}. */
final class RunRows {
  private static final String SIGNAL = "signal";
  private static final String TIMER = "timer";

  private RunRows() {}

  /** A row of {@code runs}: the run without its steps, and its counters. */
  record RunRow(
      UUID id,
      String name,
      String input,
      RunState state,
      int maxSteps,
      int stepCount,
      int unfinished,
      Instant createdAt,
      Instant finishedAt) {

    /** Finished for good: terminal, and no step left unfinished. */
    boolean settled() {
      return state.isTerminal() && unfinished == 0;
    }

    RunHead head() {
      return new RunHead(id, name, input, state, createdAt, finishedAt);
    }

    Run withSteps(Map<JobState, Integer> counts, List<Step> steps) {
      return new Run(id, name, input, state, maxSteps, counts, createdAt, finishedAt, steps);
    }
  }

  static RunRow read(ResultSet row) throws SQLException {
    return new RunRow(
        uuid(row, "id"),
        row.getString("name"),
        row.getString("input"),
        RunState.parse("state", row.getString("state")),
        row.getInt("max_steps"),
        row.getInt("step_count"),
        row.getInt("unfinished"),
        instant(row, "created_at"),
        instantOrNull(row, "finished_at"));
  }

  /**
   * Locks the run's row for the rest of the transaction ({@code lock_run}) and reads it.
   *
   * @throws RunNotFoundException if no run has this id
   */
  static RunRow lock(StatementCache statements, UUID id) throws SQLException {
    try (ResultSet row = statements.get("lock_run").set("id", text(id)).executeQuery()) {
      if (!row.next()) {
        throw new RunNotFoundException(id);
      }
      return read(row);
    }
  }

  /** Reads every row of {@code run_steps}: a run's steps in creation order, with their jobs. */
  static List<Step> steps(ResultSet rows) throws SQLException {
    record Read(String name, boolean optional, RunOn runOn, StepWait waitsFor, Job job) {}
    List<Read> read = new ArrayList<>();
    Map<UUID, String> names = new HashMap<>();
    while (rows.next()) {
      Job job = JobRows.read(rows);
      String name = rows.getString("name");
      names.put(job.id(), name);
      read.add(
          new Read(
              name,
              rows.getInt("optional") == 1,
              RunOn.parse(rows.getString("run_on")),
              wait(rows),
              job));
    }
    List<Step> steps = new ArrayList<>(read.size());
    for (Read step : read) {
      List<String> dependsOn = step.job().dependsOn().stream().map(names::get).toList();
      steps.add(
          new Step(
              step.name(), dependsOn, step.optional(), step.runOn(), step.waitsFor(), step.job()));
    }
    return steps;
  }

  /** Steps per state. */
  static Map<JobState, Integer> counts(List<Step> steps) {
    Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
    steps.forEach(step -> counts.merge(step.job().state(), 1, Integer::sum));
    return counts;
  }

  /** What a {@code steps} row keeps in {@code wait_kind}: signal, timer, or null. */
  static String waitKind(StepWait wait) {
    return switch (wait) {
      case null -> null;
      case StepWait.Signal signal -> SIGNAL;
      case StepWait.Timer timer -> TIMER;
    };
  }

  /** The wait of a {@code steps} row, from the columns {@link StepInsertion} wrote. */
  private static StepWait wait(ResultSet row) throws SQLException {
    String kind = row.getString("wait_kind");
    if (kind == null) {
      return null;
    }
    long millis = row.getLong("wait_ms");
    Duration deadline = row.wasNull() ? null : Duration.ofMillis(millis);
    if (kind.equals(TIMER)) {
      return new StepWait.Timer(deadline);
    }
    return new StepWait.Signal(row.getString("wait_signal"), deadline, row.getString("on_timeout"));
  }
}
