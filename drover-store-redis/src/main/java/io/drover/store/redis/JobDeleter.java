package io.drover.store.redis;

import io.drover.JobState;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deletes jobs on an operator's say-so: one by id ({@code delete.lua}), or a queue's jobs in one
 * state ({@code purge.lua}) in script calls of bounded size. Both delete in the queue's slot first
 * and then unregister the ids in the global one, as {@link RetentionCleaner} does; an id left
 * registered by a crash in between has no job, which every reader skips.
 */
final class JobDeleter {
  /** Jobs a purge examines per script call, so that one call never keeps the server busy long. */
  private static final int CHUNK = 500;

  private static final String DONE = "done";

  private final RedisLink link;
  private final Keys keys;
  private final JobScript jobScript;
  private final IdIndex index;
  private final InstantSource clock;

  JobDeleter(RedisLink link, Keys keys, JobScript jobScript, IdIndex index, InstantSource clock) {
    this.link = link;
    this.keys = keys;
    this.jobScript = jobScript;
    this.index = index;
    this.clock = clock;
  }

  /** Deletes a job unless it is active; see {@link io.drover.store.JobStore#delete}. */
  boolean delete(UUID id) {
    String queue = jobScript.run("delete", LuaScript.DELETE, id, "delete the run instead");
    if (queue == null) {
      return false;
    }
    index.unregister("delete (unregister id)", queue, List.of(id.toString()));
    return true;
  }

  /** Deletes every job of {@code queue} in {@code state}, which is neither active nor blocked. */
  int purge(String queue, JobState state) {
    QueueKeys queueKeys = keys.queue(queue);
    int deleted = 0;
    String walk = "";
    String cursor = "0";
    while (!walk.equals(DONE)) {
      List<String> args = queueKeys.args(clock.instant().toEpochMilli());
      args.addAll(List.of(state.wireName(), Integer.toString(CHUNK), walk, cursor));
      Batch batch = link.batch("purge");
      Reply<List<Object>> step = batch.list(LuaScript.PURGE, queueKeys.scriptKeys(), args);
      batch.execute();
      List<String> ids = new ArrayList<>();
      ((List<?>) step.get().get(0)).forEach(id -> ids.add((String) id));
      if (!ids.isEmpty()) {
        index.unregister("purge (unregister ids)", queue, ids);
      }
      deleted += ids.size();
      walk = (String) step.get().get(1);
      cursor = (String) step.get().get(2);
    }
    return deleted;
  }
}
