package io.drover.store.jdbc;

import static io.drover.store.jdbc.Columns.text;

import io.drover.store.JobPage;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The page window the list statements share (jobs and runs alike, newest first): ids below the
 * cursor's, a created range, and one row more than the page holds, which only tells that another
 * page follows.
 */
final class Pages {
  /** Sorts after every id: ids are stored as lower-case hexadecimal text. */
  private static final String AFTER_EVERY_ID = "g";

  private Pages() {}

  /**
   * The ids a page holds are below this: the cursor's id, or any for the first page.
   *
   * @param cursor the previous page's cursor, or null for the first page
   * @throws io.drover.InvalidJobException for a cursor this store did not issue
   */
  static String before(String cursor) {
    return cursor == null ? AFTER_EVERY_ID : text(JobPage.decodeCursor(cursor));
  }

  /** Binds {@code :before} (from {@link #before}), the created range and {@code :limit}. */
  static BoundStatement window(
      BoundStatement list, String before, Instant createdFrom, Instant createdTo, int limit)
      throws SQLException {
    return list.set("before", before)
        .set("created_from", createdFrom == null ? Long.MIN_VALUE : createdFrom.toEpochMilli())
        .set("created_to", createdTo == null ? Long.MAX_VALUE : createdTo.toEpochMilli())
        .set("limit", limit + 1);
  }
}
