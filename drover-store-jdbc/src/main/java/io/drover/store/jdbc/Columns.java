package io.drover.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** Reads the column types the schema uses: epoch-millisecond times and UUID text. */
final class Columns {
  private Columns() {}

  static Instant instant(ResultSet row, String column) throws SQLException {
    return Instant.ofEpochMilli(row.getLong(column));
  }

  /** The time in {@code column}, or null when the column is NULL. */
  static Instant instantOrNull(ResultSet row, String column) throws SQLException {
    long millis = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  static UUID uuid(ResultSet row, String column) throws SQLException {
    return UUID.fromString(row.getString(column));
  }

  /** The id in {@code column}, or null when the column is NULL. */
  static UUID uuidOrNull(ResultSet row, String column) throws SQLException {
    String text = row.getString(column);
    return text == null ? null : UUID.fromString(text);
  }

  /**
   * An id as stored: lower-case hex text, which sorts as the ids' unsigned value ({@link
   * io.drover.store.JobOrder}), and so for UUIDv7 in creation order.
   */
  static String text(UUID id) {
    return id == null ? null : id.toString();
  }
}
