package io.drover.store.jdbc;

import io.drover.events.RemoteEventChannel;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Job events through NOTIFY on a channel of their own, apart from wake-ups, so worker processes
 * that never watch events never receive them; a watching process listens on one more connection
 * outside the pool.
 */
final class PostgresEventChannel extends RemoteEventChannel {
  /** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more. */
  private static final int MAX_PAYLOAD_BYTES = 7_900;

  private final String channel;
  private final String listenerName;
  private final StoreTransactions transactions;
  private final PostgresListener.Connector connector;
  private PostgresListener listener; // set by listen, under the base class's lock

  /**
   * @param listenerName the application name {@code connector}'s connections carry
   */
  PostgresEventChannel(
      String channel,
      String listenerName,
      StoreTransactions transactions,
      PostgresListener.Connector connector) {
    super("postgres " + channel, MAX_PAYLOAD_BYTES);
    this.channel = channel;
    this.listenerName = listenerName;
    this.transactions = transactions;
    this.connector = connector;
  }

  @Override
  protected void send(List<String> payloads) {
    transactions.write(
        "publish events",
        statements -> {
          Array array = statements.connection().createArrayOf("text", payloads.toArray());
          try (ResultSet ignored =
              statements
                  .get("notify")
                  .set("channel", channel)
                  .set("payloads", array)
                  .executeQuery()) {
            return null;
          }
        });
  }

  @Override
  protected boolean anyoneListens() {
    return transactions.read(
        "count event listeners",
        statements -> {
          try (ResultSet count =
              statements.get("event_listeners").set("application", listenerName).executeQuery()) {
            return count.next() && count.getLong(1) > 0;
          }
        });
  }

  @Override
  protected void listen() {
    PostgresListener started = new PostgresListener(channel, connector, this::deliver, () -> {});
    try {
      started.start();
    } catch (SQLException e) {
      throw SqlErrors.POSTGRES.translate(
          "postgres store: cannot listen for events on " + channel + ": " + e.getMessage(), e);
    }
    listener = started;
  }

  @Override
  protected void stopListening() {
    listener.close();
    listener = null;
  }
}
