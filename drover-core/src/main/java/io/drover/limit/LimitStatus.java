package io.drover.limit;

import java.util.List;

/**
 * A limit and what it holds back now.
 *
 * @param limit the stored limit
 * @param active governed jobs running now, across every key
 * @param recentStarts governed jobs started within the limit's window ({@link StartWindow}), across
 *     the fleet and every key; counted for a limit with a rate or a concurrency cap, 0 for one that
 *     only makes its queues fair
 * @param held the keys at one of the limit's caps, by key
 */
public record LimitStatus(LimitSpec limit, long active, long recentStarts, List<HeldKey> held) {
  public LimitStatus {
    held = List.copyOf(held);
  }
}
