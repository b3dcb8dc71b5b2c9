package io.drover.store.redis;

import io.drover.store.CleanupRequest;
import io.drover.workflow.RunState;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * Removes settled runs whose state's retention has passed, each whole by {@code run_delete.lua}, so
 * no step outlives its run and none goes before it. Cleaners on many nodes may race; a run deleted
 * by another is skipped.
 */
final class RunRetention {
  /** {@code run_delete.lua}'s answer when there is no such run. */
  static final long NO_RUN = -1;

  /** What {@code run_delete.lua} deletes: a settled run, or a run whose create is aborted. */
  static final String SETTLED = "settled";

  static final String ABORT = "abort";

  /** Settled runs read per round trip. */
  private static final int CHUNK = 20;

  private final RedisLink link;
  private final Keys keys;
  private final InstantSource clock;

  RunRetention(RedisLink link, Keys keys, InstantSource clock) {
    this.link = link;
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * Deletes expired runs, oldest first per state, until their steps reach {@code budget} jobs (a
   * run goes whole, so the last may take it over).
   *
   * @return how many step jobs went with them
   */
  int cleanup(CleanupRequest request, int budget) {
    Instant now = clock.instant();
    Map<RunState, Duration> retention =
        Map.of(
            RunState.COMPLETED, request.completed(),
            RunState.FAILED, request.failed(),
            RunState.CANCELLED, request.cancelled());
    int removed = 0;
    for (RunState state : List.of(RunState.COMPLETED, RunState.FAILED, RunState.CANCELLED)) {
      long cutoff = now.minus(retention.get(state)).toEpochMilli();
      boolean progress = true;
      while (removed < budget && progress) {
        List<String> expired = expired(state, cutoff);
        progress = false;
        for (String runId : expired) {
          long steps = delete(runId, now);
          if (steps >= 0) {
            removed += (int) steps;
            progress = true;
          }
          if (removed >= budget) {
            break;
          }
        }
      }
    }
    return removed;
  }

  private List<String> expired(RunState state, long cutoff) {
    Batch batch = link.batch("cleanup (runs)");
    Reply<List<String>> ids =
        batch.command(
            c ->
                c.zrangebyscore(
                    keys.settledRuns(state),
                    Range.create(Double.NEGATIVE_INFINITY, (double) cutoff - 1),
                    Limit.create(0, CHUNK)));
    batch.execute();
    return ids.get();
  }

  private long delete(String runId, Instant now) {
    List<String> args = keys.runArgs(now.toEpochMilli());
    args.add(runId);
    args.add(SETTLED);
    Batch batch = link.batch("cleanup (delete run)");
    Reply<Long> steps = batch.integer(LuaScript.RUN_DELETE, List.of(), args);
    batch.execute();
    return steps.get();
  }
}
