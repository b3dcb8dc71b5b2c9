package io.drover.store.jdbc;

import io.drover.store.Subscription;
import io.drover.store.WakeupListener;
import java.sql.SQLException;
import java.util.Collection;

/**
 * How a JDBC store tells listeners that queues got claimable jobs (the port's wake-ups). Each
 * change is told twice: inside the transaction that makes it, where a database with a channel of
 * its own queues a signal that leaves exactly when the change commits, and after that commit, for
 * signals that travel only inside this process.
 */
interface Notifier extends AutoCloseable {

  /** Inside the transaction that made jobs claimable in {@code queues}, before it commits. */
  void inTransaction(StatementCache statements, Collection<String> queues) throws SQLException;

  /** After that transaction committed. */
  void committed(Collection<String> queues);

  Subscription subscribe(WakeupListener listener);

  /** True when listeners hear of the changes of every process sharing the database. */
  boolean reachesEveryProcess();

  /** Stops signalling and forgets the listeners. Idempotent. */
  @Override
  void close();
}
