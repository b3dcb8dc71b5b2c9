package io.drover.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection, outside the pool, that LISTENs on a channel and hands each notification's payload
 * to a consumer, on a daemon thread of its own. When the connection drops it connects again,
 * waiting longer after each failure; notifications sent meanwhile are lost, so once listening again
 * it says so ({@code onReconnect}) and listeners look for themselves. An idle connection is checked
 * with an empty query now and then, so one that died silently (a network gone away) is noticed too.
 */
final class PostgresListener implements AutoCloseable {
  /**
   * How long one wait for notifications lasts; an idle connection is checked after each. Each check
   * is a round trip an idle process pays (docs/performance.md, idle cost); workers poll anyway at
   * their recheck interval, so a connection that died silently costs a late start, not a lost job.
   */
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final Duration FIRST_RETRY = Duration.ofMillis(100);
  private static final Duration MAX_RETRY = Duration.ofSeconds(5);

  private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);
  private static final Logger log = LoggerFactory.getLogger(PostgresListener.class);

  private final String channel;
  private final Connector connector;
  private final Consumer<String> onNotification;
  private final Runnable onReconnect;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Connection connection;

  PostgresListener(
      String channel, Connector connector, Consumer<String> onNotification, Runnable onReconnect) {
    this.channel = channel;
    this.connector = connector;
    this.onNotification = onNotification;
    this.onReconnect = onReconnect;
    this.thread =
        Thread.ofPlatform().daemon().name("drover-listen-" + channel).unstarted(this::run);
  }

  /** Opens a connection for listening. */
  @FunctionalInterface
  interface Connector {
    Connection connect() throws SQLException;
  }

  /** Connects and LISTENs on this thread, so a failure shows at once, then starts the loop. */
  void start() throws SQLException {
    connection = listen();
    thread.start();
  }

  private Connection listen() throws SQLException {
    Connection fresh = connector.connect();
    try (Statement statement = fresh.createStatement()) {
      // The channel is a checked identifier (PostgresConfig.SCHEMA_NAME); quoted, it keeps its
      // case.
      statement.execute("LISTEN \"" + channel + "\"");
      return fresh;
    } catch (SQLException e) {
      closeQuietly(fresh);
      throw e;
    }
  }

  private void run() {
    int failures = 0;
    while (running) {
      try {
        if (connection == null) {
          connection = listen();
          if (!running) {
            break; // closed while connecting
          }
          log.info(
              "store: postgres listener reconnected channel={} attempts={}", channel, failures);
          failures = 0;
          onReconnect.run();
        }
        receive(connection);
      } catch (SQLException | RuntimeException e) {
        // Whatever went wrong, start over on a new connection: the loop serves every listener of
        // this store and must not end while the store is open.
        if (!running) {
          break;
        }
        closeQuietly(connection);
        connection = null;
        failures++;
        if (failures == 1) {
          log.warn(
              "store: postgres listener lost its connection channel={}, reconnecting: {}",
              channel,
              e.toString());
        } else {
          log.debug(
              "store: postgres listener reconnect failed attempt={}: {}", failures, e.toString());
        }
        if (!pause(backoff(failures))) {
          break;
        }
      }
    }
    closeQuietly(connection);
  }

  private void receive(Connection listening) throws SQLException {
    PGNotification[] notifications =
        listening.unwrap(PGConnection.class).getNotifications((int) WAIT.toMillis());
    if (notifications == null || notifications.length == 0) {
      if (!listening.isValid((int) VALIDATION_TIMEOUT.toSeconds())) {
        throw new SQLException("listening connection is no longer valid");
      }
      return;
    }
    for (PGNotification notification : notifications) {
      onNotification.accept(notification.getParameter());
    }
  }

  /** 100 ms after the first failure, doubling up to 5 s. */
  private static Duration backoff(int failures) {
    long millis = FIRST_RETRY.toMillis() << Math.min(failures - 1, 16);
    return Duration.ofMillis(Math.min(millis, MAX_RETRY.toMillis()));
  }

  /** Sleeps; false when interrupted, which only {@link #close()} does. */
  private boolean pause(Duration duration) {
    try {
      Thread.sleep(duration);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops the loop and closes the connection, cutting a wait short. Idempotent. */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    Connection current = connection;
    if (current != null) {
      try {
        // Closes the socket under the blocked wait; close() would queue behind the wait instead.
        current.abort(Runnable::run);
      } catch (SQLException e) {
        log.debug("store: postgres listener abort failed: {}", e.toString());
      }
    }
    thread.interrupt();
    try {
      thread.join(STOP_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.debug("store: postgres listener close failed: {}", e.toString());
    }
  }
}
