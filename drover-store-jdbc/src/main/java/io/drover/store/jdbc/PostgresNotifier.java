package io.drover.store.jdbc;

import io.drover.store.LocalWakeups;
import io.drover.store.Subscription;
import io.drover.store.WakeupListener;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * Wake-ups through PostgreSQL's NOTIFY: the transaction that makes jobs claimable queues one
 * notification per queue on the schema's channel, which PostgreSQL delivers when, and only if, it
 * commits, to every process listening, this one included. This process's listeners hear them from
 * its {@link PostgresListener}, never straight from the committing thread, so each signal arrives
 * once.
 */
final class PostgresNotifier implements Notifier {
  private final String channel;
  private final LocalWakeups wakeups = new LocalWakeups();
  private final PostgresListener listener;

  private PostgresNotifier(String channel, PostgresListener.Connector connector) {
    this.channel = channel;
    this.listener =
        new PostgresListener(
            channel, connector, message -> wakeups.signal(List.of(message)), wakeups::signalMissed);
  }

  /**
   * Starts listening on {@code channel} before returning, so no change committed afterwards goes
   * unheard while the connection stays up.
   *
   * @param connector opens the listening connection, and opens it again when it drops
   * @throws SQLException if the first connection cannot be made
   */
  static PostgresNotifier start(String channel, PostgresListener.Connector connector)
      throws SQLException {
    PostgresNotifier notifier = new PostgresNotifier(channel, connector);
    notifier.listener.start();
    return notifier;
  }

  @Override
  public void inTransaction(StatementCache statements, Collection<String> queues)
      throws SQLException {
    if (queues.isEmpty()) {
      return;
    }
    BoundStatement notify =
        statements
            .get("notify")
            .set("channel", channel)
            .set("payloads", statements.connection().createArrayOf("text", queues.toArray()));
    try (ResultSet ignored = notify.executeQuery()) {
      // pg_notify returns nothing worth reading; running it is the point.
    }
  }

  @Override
  public void committed(Collection<String> queues) {}

  @Override
  public Subscription subscribe(WakeupListener wakeupListener) {
    return wakeups.subscribe(wakeupListener);
  }

  @Override
  public boolean reachesEveryProcess() {
    return true;
  }

  @Override
  public void close() {
    listener.close();
    wakeups.clear();
  }
}
