package io.drover.store.jdbc;

import io.drover.DroverException;
import io.drover.StoreFailureException;
import io.drover.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Which of Drover's two store errors a driver's failure is: {@link StoreUnavailableException} when
 * the database could not be reached or did not answer in time, so the same call may work later;
 * {@link StoreFailureException} when it answered with an error (a constraint, a missing table, bad
 * data), which no retry cures. The first {@link SQLException} in the cause chain decides; a failure
 * with none (a migration tool's own error) is a store failure.
 */
enum SqlErrors {
  /**
   * By SQLState: class 08 (connection exception), 53 (insufficient resources), 58 (system error),
   * 57P01-57P03 (shutting down, crashed, not accepting connections yet), 57014 (cancelled: the
   * statement timeout), 40001/40P01 (serialization failure, deadlock), 55P03 (lock not available)
   * and 25006 (read-only transaction: a standby after a failover).
   */
  POSTGRES {
    private static final Set<String> TRANSIENT_STATES =
        Set.of("57P01", "57P02", "57P03", "57014", "40001", "40P01", "55P03", "25006");

    @Override
    boolean unavailable(SQLException e) {
      String state = e.getSQLState();
      return state != null
          && (state.startsWith("08")
              || state.startsWith("53")
              || state.startsWith("58")
              || TRANSIENT_STATES.contains(state));
    }
  },

  /**
   * By SQLite's primary result code: BUSY (5), LOCKED (6), IOERR (10), FULL (13), CANTOPEN (14):
   * another process holds the file, or the disk failed or filled up.
   */
  SQLITE {
    private static final Set<Integer> TRANSIENT_CODES = Set.of(5, 6, 10, 13, 14);

    @Override
    boolean unavailable(SQLException e) {
      return TRANSIENT_CODES.contains(e.getErrorCode() & 0xff);
    }
  };

  /** Whether this database's error means "not reachable now" rather than "refused". */
  abstract boolean unavailable(SQLException e);

  /**
   * The store exception for {@code cause}, with {@code message}, which names the store and the
   * operation.
   */
  DroverException translate(String message, Throwable cause) {
    SQLException sql = firstSqlException(cause);
    boolean transientFailure =
        sql != null
            && (sql instanceof SQLTransientConnectionException
                || sql instanceof SQLNonTransientConnectionException
                || sql instanceof SQLRecoverableException
                || sql instanceof SQLTimeoutException
                || unavailable(sql)
                || (sql.getNextException() != null && unavailable(sql.getNextException())));
    return transientFailure
        ? new StoreUnavailableException(message, cause)
        : new StoreFailureException(message, cause);
  }

  private static SQLException firstSqlException(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
