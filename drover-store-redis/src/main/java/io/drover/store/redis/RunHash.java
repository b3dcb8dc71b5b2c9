package io.drover.store.redis;

import io.drover.JobState;
import io.drover.workflow.Run;
import io.drover.workflow.RunHead;
import io.drover.workflow.RunState;
import io.drover.workflow.Step;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A run's own record, one Redis hash that {@code run.lua} writes: these fields, plus {@code
 * unfinished}, the count of steps not yet terminal, which only the scripts read.
 */
final class RunHash {
  static final String ID = "id";
  static final String NAME = "name";
  static final String INPUT = "input";
  static final String STATE = "state";
  static final String MAX_STEPS = "max_steps";

  /** Steps the run ever got: the next step's position, and the version fan-out checks against. */
  static final String STEP_COUNT = "step_count";

  static final String CREATED_AT = "created_at";
  static final String FINISHED_AT = "finished_at";

  /** The state of a run whose steps are still being staged: no run yet, for anyone else. */
  private static final String CREATING = "creating";

  private RunHash() {}

  /** Whether a read run hash is a run: there, and not still being created. */
  static boolean isRun(Map<String, String> hash) {
    return !hash.isEmpty() && !CREATING.equals(hash.get(STATE));
  }

  static RunHead head(Map<String, String> hash) {
    return new RunHead(
        UUID.fromString(hash.get(ID)),
        hash.get(NAME),
        hash.get(INPUT),
        RunState.parse(STATE, hash.get(STATE)),
        JobHash.instant(hash.get(CREATED_AT)),
        JobHash.instant(hash.get(FINISHED_AT)));
  }

  static Run run(Map<String, String> hash, Map<JobState, Integer> counts, List<Step> steps) {
    RunHead head = head(hash);
    return new Run(
        head.id(),
        head.name(),
        head.input(),
        head.state(),
        Integer.parseInt(hash.get(MAX_STEPS)),
        counts,
        head.createdAt(),
        head.finishedAt(),
        steps);
  }
}
