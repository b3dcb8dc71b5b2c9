package io.drover.store.memory;

import io.drover.workflow.RunState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A run as the memory store keeps it; changed only under {@link MemoryJobStore}'s lock. */
final class StoredRun {
  static final Comparator<StoredRun> BY_FINISHED_AT =
      Comparator.<StoredRun, Instant>comparing(run -> run.finishedAt).thenComparing(run -> run.id);

  final UUID id;
  final String name;
  final String input;
  final int maxSteps;
  final Instant createdAt;
  RunState state = RunState.RUNNING;
  Instant finishedAt;

  /** Steps that have not reached a terminal state; the run is settled when none is left. */
  int unfinished;

  /** Step names to job ids, in creation order (the map is only for lookups). */
  final Map<String, UUID> byName = new HashMap<>();

  final List<UUID> stepIds = new ArrayList<>();

  StoredRun(UUID id, String name, String input, int maxSteps, Instant createdAt) {
    this.id = id;
    this.name = name;
    this.input = input;
    this.maxSteps = maxSteps;
    this.createdAt = createdAt;
  }

  boolean isSettled() {
    return state.isTerminal() && unfinished == 0;
  }
}
