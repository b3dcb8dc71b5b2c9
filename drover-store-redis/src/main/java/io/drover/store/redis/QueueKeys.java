package io.drover.store.redis;

import java.util.List;
import java.util.UUID;

/**
 * One queue's keys, and the arguments every per-queue script starts with; {@code common.lua} and
 * {@code queue.lua} read them in this order.
 *
 * @param base the queue's key prefix, hash tag included: {@code {prefix:queue}:}
 */
record QueueKeys(String queue, String base, String prefix, String wakeupChannel) {

  /** The fixed keys of a per-queue script, in the order {@code queue.lua} names them. */
  List<String> scriptKeys() {
    return List.of(
        base + "ready",
        delayed(),
        leases(),
        base + "counts",
        base + "meta",
        base + "finished:completed",
        base + "finished:failed",
        base + "finished:cancelled");
  }

  String job(UUID id) {
    return base + "job:" + id;
  }

  String delayed() {
    return base + "delayed";
  }

  String leases() {
    return base + "leases";
  }

  String meta() {
    return base + "meta";
  }

  /**
   * A per-queue script's arguments: the header of {@code common.lua}, then {@code queue.lua}'s,
   * then room for the script's own.
   */
  List<String> args(long nowMillis) {
    List<String> args = Keys.scriptHeader(nowMillis, prefix, wakeupChannel);
    args.add(base);
    args.add(queue);
    return args;
  }
}
