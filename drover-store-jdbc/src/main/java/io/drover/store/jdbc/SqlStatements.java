package io.drover.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The named SQL statements of one database, read once from resource files beside this class. A file
 * holds blocks that each start with a line {@code -- name: <name>}; other lines starting with
 * {@code --} are comments and are dropped, and a trailing {@code ;} is optional. Statements a
 * dialect shares come from {@code common.sql} (jobs), {@code schedules.sql}, {@code runs.sql} and
 * {@code limits.sql}, the rest from {@code <dialect>.sql} and {@code <dialect>-limits.sql}; a name
 * defined twice is an error, so a dialect file holds only what differs.
 */
final class SqlStatements {
  static final String COMMON = "common.sql";
  static final String SCHEDULES = "schedules.sql";
  static final String RUNS = "runs.sql";
  static final String LIMITS = "limits.sql";
  private static final String NAME_MARKER = "-- name:";

  private final Map<String, NamedStatement> statements;

  private SqlStatements(Map<String, NamedStatement> statements) {
    this.statements = Map.copyOf(statements);
  }

  /** Loads the shared files and then {@code <dialect>.sql} and {@code <dialect>-limits.sql}. */
  static SqlStatements forDialect(String dialect) {
    return load(COMMON, SCHEDULES, RUNS, LIMITS, dialect + ".sql", dialect + "-limits.sql");
  }

  /**
   * Loads statement files by name, relative to this class's package.
   *
   * @throws IllegalStateException if a file is missing, malformed or repeats a name
   */
  static SqlStatements load(String... files) {
    Map<String, NamedStatement> statements = new HashMap<>();
    for (String file : files) {
      parse(file, read(file), statements);
    }
    return new SqlStatements(statements);
  }

  /**
   * The statement with this name.
   *
   * @throws IllegalStateException if none was loaded, a programming error
   */
  NamedStatement get(String name) {
    NamedStatement statement = statements.get(name);
    if (statement == null) {
      throw new IllegalStateException("no SQL statement named '" + name + "'");
    }
    return statement;
  }

  private static String read(String file) {
    try (InputStream in = SqlStatements.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("SQL file " + file + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read SQL file " + file, e);
    }
  }

  private static void parse(String file, String text, Map<String, NamedStatement> into) {
    String name = null;
    StringBuilder body = new StringBuilder();
    for (String line : text.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.startsWith(NAME_MARKER)) {
        add(file, name, body, into);
        name = trimmed.substring(NAME_MARKER.length()).strip();
        body.setLength(0);
      } else if (!trimmed.startsWith("--") && !trimmed.isEmpty()) {
        if (name == null) {
          throw new IllegalStateException(file + ": SQL before the first '-- name:' line");
        }
        body.append(line).append('\n');
      }
    }
    add(file, name, body, into);
  }

  private static void add(
      String file, String name, StringBuilder body, Map<String, NamedStatement> into) {
    if (name == null) {
      return;
    }
    String sql = body.toString().strip();
    if (sql.endsWith(";")) {
      sql = sql.substring(0, sql.length() - 1).strip();
    }
    if (sql.isEmpty()) {
      throw new IllegalStateException(file + ": statement '" + name + "' is empty");
    }
    if (into.putIfAbsent(name, NamedStatement.parse(name, sql)) != null) {
      throw new IllegalStateException(file + ": statement '" + name + "' is defined twice");
    }
  }
}
