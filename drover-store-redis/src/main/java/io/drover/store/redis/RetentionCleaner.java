package io.drover.store.redis;

import io.drover.store.CleanupRequest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * Deletes terminal jobs past their state's retention, queue by queue (each its own hash slot), in
 * script calls of bounded size, then unregisters their ids. De-duplication keys need no sweep: a
 * job's key expires by itself ({@code PX}), and {@code cleanup.lua} lets go of the keys of the jobs
 * it deletes.
 */
final class RetentionCleaner {
  /** Jobs deleted per script call, so that one call never keeps the server busy for long. */
  private static final int CHUNK = 500;

  private final RedisLink link;
  private final Keys keys;
  private final Queues queues;
  private final IdIndex index;
  private final InstantSource clock;

  RetentionCleaner(RedisLink link, Keys keys, Queues queues, IdIndex index, InstantSource clock) {
    this.link = link;
    this.keys = keys;
    this.queues = queues;
    this.index = index;
    this.clock = clock;
  }

  int cleanup(CleanupRequest request) {
    Instant now = clock.instant();
    int deleted = 0;
    for (String queue : queues.known()) {
      int chunk;
      int taken;
      do {
        chunk = Math.min(CHUNK, request.batchSize() - deleted);
        if (chunk <= 0) {
          return deleted;
        }
        taken = deleteChunk(queue, now, request, chunk);
        deleted += taken;
      } while (taken == chunk);
    }
    return deleted;
  }

  /** Deletes up to {@code chunk} of the queue's expired jobs; returns how many it deleted. */
  private int deleteChunk(String queue, Instant now, CleanupRequest request, int chunk) {
    QueueKeys queueKeys = keys.queue(queue);
    List<String> args = queueKeys.args(now.toEpochMilli());
    args.add(Integer.toString(chunk));
    args.add(Long.toString(now.minus(request.completed()).toEpochMilli()));
    args.add(Long.toString(now.minus(request.failed()).toEpochMilli()));
    args.add(Long.toString(now.minus(request.cancelled()).toEpochMilli()));
    Batch batch = link.batch("cleanup");
    Reply<List<Object>> deleted = batch.list(LuaScript.CLEANUP, queueKeys.scriptKeys(), args);
    batch.execute();
    List<String> ids = deleted.get().stream().map(String.class::cast).toList();
    if (!ids.isEmpty()) {
      index.unregister("cleanup (unregister ids)", queue, ids);
    }
    return ids.size();
  }
}
