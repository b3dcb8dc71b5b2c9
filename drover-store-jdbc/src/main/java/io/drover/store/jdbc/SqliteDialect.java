package io.drover.store.jdbc;

import io.drover.store.QueuePattern;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * SQLite: queue patterns are GLOB patterns as they are written, since queue names hold none of
 * GLOB's special characters but {@code *}; they travel as a JSON array read with {@code json_each}.
 */
final class SqliteDialect implements Dialect {
  private static final String NAME = "sqlite";

  static final SqliteDialect INSTANCE = new SqliteDialect();

  private final SqlStatements statements = SqlStatements.forDialect(NAME);

  private SqliteDialect() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SqlStatements statements() {
    return statements;
  }

  @Override
  public Object queuePatterns(Connection connection, List<QueuePattern> patterns)
      throws SQLException {
    return JsonColumns.strings(patterns.stream().map(QueuePattern::text).toList());
  }
}
