package io.drover.store.jdbc;

import io.drover.store.QueuePattern;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * PostgreSQL: queue globs become LIKE patterns, {@code *} turned into {@code %} and LIKE's own
 * special characters escaped, and travel as one {@code text[]} matched with {@code LIKE ANY}.
 */
final class PostgresDialect extends Dialect {
  static final PostgresDialect INSTANCE = new PostgresDialect();

  private PostgresDialect() {
    super("postgres");
  }

  @Override
  Object queuePatterns(Connection connection, List<QueuePattern> patterns) throws SQLException {
    return connection.createArrayOf(
        "text", patterns.stream().map(PostgresDialect::likePattern).toArray());
  }

  /**
   * The LIKE pattern matching what {@code pattern} matches. Queue names may hold {@code _}, which
   * LIKE reads as any one character; backslash, LIKE's default escape, makes it literal.
   */
  static String likePattern(QueuePattern pattern) {
    StringBuilder like = new StringBuilder();
    for (char ch : pattern.text().toCharArray()) {
      switch (ch) {
        case '*' -> like.append('%');
        case '%', '_', '\\' -> like.append('\\').append(ch);
        default -> like.append(ch);
      }
    }
    return like.toString();
  }
}
