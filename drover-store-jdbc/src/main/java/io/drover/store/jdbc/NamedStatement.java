package io.drover.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One SQL statement with named parameters ({@code :run_at}), turned into JDBC's positional {@code
 * ?} once at load. Named parameters keep statement files readable and let two dialects write the
 * same statement with parameters in a different order. A name may appear several times; {@code ::}
 * (a PostgreSQL cast) and text inside single quotes are left alone.
 *
 * @param jdbcSql the statement with {@code ?} in place of each parameter
 * @param positions each parameter's 1-based JDBC positions
 * @param parameterCount how many {@code ?} the JDBC form has
 */
record NamedStatement(
    String name, String jdbcSql, Map<String, int[]> positions, int parameterCount) {

  NamedStatement {
    positions = Map.copyOf(positions);
  }

  /**
   * Parses a statement.
   *
   * @throws IllegalStateException on a raw {@code ?} or an unclosed quote
   */
  static NamedStatement parse(String name, String sql) {
    StringBuilder jdbc = new StringBuilder(sql.length());
    Map<String, List<Integer>> found = new HashMap<>();
    int position = 0;
    int i = 0;
    while (i < sql.length()) {
      char ch = sql.charAt(i);
      if (ch == '\'') {
        int end = sql.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalStateException("statement '" + name + "' has an unclosed quote");
        }
        jdbc.append(sql, i, end + 1);
        i = end + 1;
      } else if (ch == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
        jdbc.append("::");
        i += 2;
      } else if (ch == ':' && i + 1 < sql.length() && isNameStart(sql.charAt(i + 1))) {
        int end = i + 1;
        while (end < sql.length() && isNamePart(sql.charAt(end))) {
          end++;
        }
        found.computeIfAbsent(sql.substring(i + 1, end), k -> new ArrayList<>()).add(++position);
        jdbc.append('?');
        i = end;
      } else if (ch == '?') {
        throw new IllegalStateException(
            "statement '" + name + "' uses '?'; write parameters as :name");
      } else {
        jdbc.append(ch);
        i++;
      }
    }
    Map<String, int[]> positions = new HashMap<>();
    found.forEach(
        (param, at) -> positions.put(param, at.stream().mapToInt(Integer::intValue).toArray()));
    return new NamedStatement(name, jdbc.toString(), positions, position);
  }

  /** Prepares this statement on {@code connection}; the caller closes it. */
  BoundStatement prepare(Connection connection) throws SQLException {
    return new BoundStatement(this, connection.prepareStatement(jdbcSql));
  }

  /**
   * Prepares this statement, which returns rows, to be run as a batch whose rows are read as its
   * generated keys ({@link BoundStatement#executeBatchReturning}); the caller closes it.
   */
  BoundStatement prepareReturningBatch(Connection connection) throws SQLException {
    return new BoundStatement(
        this, connection.prepareStatement(jdbcSql, Statement.RETURN_GENERATED_KEYS));
  }

  private static boolean isNameStart(char ch) {
    return (ch >= 'a' && ch <= 'z') || ch == '_';
  }

  private static boolean isNamePart(char ch) {
    return isNameStart(ch) || (ch >= '0' && ch <= '9');
  }
}
