package io.drover.server.limit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.limit.HeldKey;
import io.drover.limit.LimitSpec;
import io.drover.limit.LimitStatus;
import io.drover.limit.StartWindow;
import io.drover.store.QueuePattern;

/** A limit as the API shows it: the definition's field names, and with its status what it holds. */
public final class LimitView {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LimitView() {}

  public static ObjectNode of(LimitSpec limit) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", limit.name());
    ArrayNode queues = node.putArray("queues");
    limit.queues().stream().map(QueuePattern::text).forEach(queues::add);
    ArrayNode kinds = node.putArray("kinds");
    limit.kinds().forEach(kinds::add);
    if (limit.rate() == null) {
      node.putNull("rate");
    } else {
      ObjectNode rate = node.putObject("rate");
      rate.put("limit", limit.rate().limit());
      rate.put("per", limit.rate().per().toMillis());
      rate.put("burst", limit.rate().burst());
    }
    node.put("concurrency", limit.concurrency());
    node.put("queue_concurrency", limit.queueConcurrency());
    node.put("fair", limit.fair());
    return node;
  }

  /**
   * The limit, the governed jobs running now and started within its window, and each key it holds
   * back.
   */
  public static ObjectNode of(LimitStatus status) {
    ObjectNode node = of(status.limit());
    node.put("active", status.active());
    node.put("recent_starts", status.recentStarts());
    node.put("starts_window", StartWindow.windowOf(status.limit()).toMillis());
    ArrayNode held = node.putArray("held");
    long waiting = 0;
    for (HeldKey key : status.held()) {
      ObjectNode entry = held.addObject();
      entry.put("key", key.key());
      entry.put("active", key.active());
      entry.put("waiting", key.waiting());
      entry.put("oldest_due", key.oldestDue().toString());
      entry.put("next_start", key.nextStart() == null ? null : key.nextStart().toString());
      waiting += key.waiting();
    }
    node.put("held_back", waiting);
    return node;
  }
}
