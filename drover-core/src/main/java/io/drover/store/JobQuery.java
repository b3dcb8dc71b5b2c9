package io.drover.store;

import io.drover.Bounds;
import io.drover.InvalidJobException;
import io.drover.JobState;
import java.time.Instant;

/**
 * Filters and a page window for {@link JobStore#list}. Every filter is optional (null = any).
 * Results are ordered newest first (by id, which is time-ordered).
 *
 * @param createdFrom inclusive lower bound on {@code created_at}
 * @param createdTo exclusive upper bound on {@code created_at}
 * @param cursor the {@link JobPage#nextCursor()} of the previous page, or null for the first
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 */
public record JobQuery(
    String queue,
    JobState state,
    String kind,
    String tag,
    Instant createdFrom,
    Instant createdTo,
    String cursor,
    int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 1000;

  public JobQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidJobException("limit", "must be 1-" + MAX_LIMIT + " (was " + limit + ")");
    }
    // No job is created outside the bounds, so a wider filter means the same; stores need not
    // hold 0001-01-01 to answer "since the beginning".
    createdFrom = Bounds.clampTime(createdFrom);
    createdTo = Bounds.clampTime(createdTo);
  }

  /** Every job, first page. */
  public static JobQuery all() {
    return new JobQuery(null, null, null, null, null, null, null, DEFAULT_LIMIT);
  }

  public JobQuery withQueue(String queue) {
    return new JobQuery(queue, state, kind, tag, createdFrom, createdTo, cursor, limit);
  }

  public JobQuery withState(JobState state) {
    return new JobQuery(queue, state, kind, tag, createdFrom, createdTo, cursor, limit);
  }

  public JobQuery withKind(String kind) {
    return new JobQuery(queue, state, kind, tag, createdFrom, createdTo, cursor, limit);
  }

  public JobQuery withTag(String tag) {
    return new JobQuery(queue, state, kind, tag, createdFrom, createdTo, cursor, limit);
  }

  public JobQuery withCreated(Instant from, Instant to) {
    return new JobQuery(queue, state, kind, tag, from, to, cursor, limit);
  }

  public JobQuery withCursor(String cursor) {
    return new JobQuery(queue, state, kind, tag, createdFrom, createdTo, cursor, limit);
  }

  public JobQuery withLimit(int limit) {
    return new JobQuery(queue, state, kind, tag, createdFrom, createdTo, cursor, limit);
  }
}
