package io.drover.store.jdbc;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Write transactions that may make jobs claimable as a side effect (a step armed when its last
 * parent finishes): the queues they wake are told to the {@link Notifier} inside the transaction
 * and again once it has committed.
 */
final class WakingWrites {
  private final StoreTransactions transactions;
  private final Notifier notifier;

  WakingWrites(StoreTransactions transactions, Notifier notifier) {
    this.transactions = transactions;
    this.notifier = notifier;
  }

  /** Work that adds the queues it makes jobs claimable in to {@code woken}. */
  @FunctionalInterface
  interface Work<T> {
    T run(StatementCache statements, Set<String> woken) throws SQLException;
  }

  <T> T write(String operation, Work<T> work) {
    Set<String> woken = new LinkedHashSet<>();
    T answer =
        transactions.write(
            operation,
            statements -> {
              T result = work.run(statements, woken);
              notifier.inTransaction(statements, woken);
              return result;
            });
    notifier.committed(woken);
    return answer;
  }
}
