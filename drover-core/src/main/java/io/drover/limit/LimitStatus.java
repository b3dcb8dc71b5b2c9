package io.drover.limit;

import java.util.List;

/**
 * A limit and what it holds back now.
 *
 * @param limit the stored limit
 * @param active governed jobs running now, across every key
 * @param held the keys at one of the limit's caps, by key
 */
public record LimitStatus(LimitSpec limit, long active, List<HeldKey> held) {
  public LimitStatus {
    held = List.copyOf(held);
  }
}
