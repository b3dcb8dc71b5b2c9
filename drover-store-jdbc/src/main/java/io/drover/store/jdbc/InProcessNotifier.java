package io.drover.store.jdbc;

import io.drover.store.LocalWakeups;
import io.drover.store.Subscription;
import io.drover.store.WakeupListener;
import java.util.Collection;

/**
 * Wake-ups for a database without a signalling channel (SQLite): listeners in this process hear of
 * a change once it has committed, on the committing thread; other processes sharing the file find
 * the jobs when they poll.
 */
final class InProcessNotifier implements Notifier {
  private final LocalWakeups wakeups = new LocalWakeups();

  @Override
  public void inTransaction(StatementCache statements, Collection<String> queues) {}

  @Override
  public void committed(Collection<String> queues) {
    wakeups.signal(queues);
  }

  @Override
  public Subscription subscribe(WakeupListener listener) {
    return wakeups.subscribe(listener);
  }

  @Override
  public boolean reachesEveryProcess() {
    return false;
  }

  @Override
  public void close() {
    wakeups.clear();
  }
}
