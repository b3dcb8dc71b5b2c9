package io.drover.workflow;

import io.drover.Bounds;
import io.drover.InvalidJobException;
import io.drover.store.JobQuery;
import java.time.Instant;

/**
 * Filters and a page window for {@link WorkflowStore#runs}, newest first (by id, which is
 * time-ordered). Every filter is optional (null = any).
 *
 * @param createdFrom inclusive lower bound on {@code created_at}
 * @param createdTo exclusive upper bound on {@code created_at}
 * @param cursor the {@link RunPage#nextCursor()} of the previous page, or null for the first
 * @param limit page size, 1 to {@link JobQuery#MAX_LIMIT}
 */
public record RunQuery(
    RunState state, String name, Instant createdFrom, Instant createdTo, String cursor, int limit) {

  public RunQuery {
    if (limit < 1 || limit > JobQuery.MAX_LIMIT) {
      throw new InvalidJobException(
          "limit", "must be 1-" + JobQuery.MAX_LIMIT + " (was " + limit + ")");
    }
    createdFrom = Bounds.clampTime(createdFrom);
    createdTo = Bounds.clampTime(createdTo);
  }

  /** Every run, first page. */
  public static RunQuery all() {
    return new RunQuery(null, null, null, null, null, JobQuery.DEFAULT_LIMIT);
  }

  public RunQuery withState(RunState state) {
    return new RunQuery(state, name, createdFrom, createdTo, cursor, limit);
  }

  public RunQuery withName(String name) {
    return new RunQuery(state, name, createdFrom, createdTo, cursor, limit);
  }

  public RunQuery withCursor(String cursor) {
    return new RunQuery(state, name, createdFrom, createdTo, cursor, limit);
  }

  public RunQuery withLimit(int limit) {
    return new RunQuery(state, name, createdFrom, createdTo, cursor, limit);
  }
}
