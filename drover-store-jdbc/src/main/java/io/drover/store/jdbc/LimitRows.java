package io.drover.store.jdbc;

import io.drover.limit.LimitSpec;
import io.drover.limit.Rate;
import io.drover.store.QueuePattern;
import io.drover.store.StoredJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LimitSpec} as a row of {@code limits}: its patterns and kinds as JSON arrays of text,
 * its rate as three columns (null together), the rest as they are.
 */
final class LimitRows {
  private LimitRows() {}

  /** Binds every column of {@code insert_limit} or {@code update_limit}. */
  static BoundStatement bind(BoundStatement statement, LimitSpec spec, long now)
      throws SQLException {
    Rate rate = spec.rate();
    return statement
        .set("name", spec.name())
        .set("queues", StoredJson.strings(spec.queues().stream().map(QueuePattern::text).toList()))
        .set("kinds", StoredJson.strings(spec.kinds()))
        .set("rate_limit", rate == null ? null : rate.limit())
        .set("rate_per_nanos", rate == null ? null : rate.per().toNanos())
        .set("rate_burst", rate == null ? null : rate.burst())
        .set("concurrency", spec.concurrency())
        .set("queue_concurrency", spec.queueConcurrency())
        .set("fair", spec.fair() ? 1 : 0)
        .set("now", now);
  }

  static LimitSpec read(ResultSet row) throws SQLException {
    Integer rateLimit = intOrNull(row, "rate_limit");
    Rate rate =
        rateLimit == null
            ? null
            : new Rate(
                rateLimit,
                Duration.ofNanos(row.getLong("rate_per_nanos")),
                row.getInt("rate_burst"));
    return new LimitSpec(
        row.getString("name"),
        StoredJson.strings(row.getString("queues")).stream().map(QueuePattern::of).toList(),
        StoredJson.strings(row.getString("kinds")),
        rate,
        intOrNull(row, "concurrency"),
        intOrNull(row, "queue_concurrency"),
        row.getInt("fair") == 1);
  }

  static List<LimitSpec> readAll(ResultSet rows) throws SQLException {
    List<LimitSpec> specs = new ArrayList<>();
    while (rows.next()) {
      specs.add(read(rows));
    }
    return specs;
  }

  private static Integer intOrNull(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }
}
