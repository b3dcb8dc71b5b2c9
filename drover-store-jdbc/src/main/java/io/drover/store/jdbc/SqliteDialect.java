package io.drover.store.jdbc;

import io.drover.store.QueuePattern;
import io.drover.store.StoredJson;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * SQLite: queue patterns are GLOB patterns as they are written, since queue names hold none of
 * GLOB's special characters but {@code *}; they travel as a JSON array read with {@code json_each}.
 */
final class SqliteDialect extends Dialect {
  static final SqliteDialect INSTANCE = new SqliteDialect();

  private SqliteDialect() {
    super("sqlite");
  }

  @Override
  Object queuePatterns(Connection connection, List<QueuePattern> patterns) throws SQLException {
    return StoredJson.strings(patterns.stream().map(QueuePattern::text).toList());
  }
}
