package io.drover.store;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Finds the item of a batch that each of a store's answers is for. A store answers for the items it
 * applied, in the items' order, and leaves out those it refused, so an answer belongs to the first
 * item not yet passed that names its job (one job may come twice in a batch: progress reported
 * twice).
 */
public final class AnswerMatcher<T> {
  private final List<T> items;
  private final Function<T, LeaseRef> leaseOf;
  private int next;

  public AnswerMatcher(List<T> items, Function<T, LeaseRef> leaseOf) {
    this.items = items;
    this.leaseOf = leaseOf;
  }

  /**
   * The item that the next answer, about job {@code id}, is for.
   *
   * @throws IllegalStateException if no item left names the job: the answers do not follow the
   *     items' order
   */
  public T itemFor(UUID id) {
    while (next < items.size()) {
      T item = items.get(next++);
      if (leaseOf.apply(item).jobId().equals(id)) {
        return item;
      }
    }
    throw new IllegalStateException(
        "an answer about job " + id + " matches no item left in its batch: answers out of order");
  }
}
