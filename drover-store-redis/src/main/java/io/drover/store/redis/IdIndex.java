package io.drover.store.redis;

import io.drover.JobSpec;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every job id of the store, under the global hash tag: a sorted set of ids at score 0, which Redis
 * keeps in id order (lower-case hex compares as unsigned numbers do) for listing, and a hash from
 * id to queue, which finds a job known only by its id.
 */
final class IdIndex {
  /** Ids per script call or lookup, so that no single command grows without bound. */
  private static final int CHUNK = 500;

  private final RedisLink link;
  private final Keys keys;

  IdIndex(RedisLink link, Keys keys) {
    this.link = link;
    this.keys = keys;
  }

  /**
   * Registers the specs' ids and queues ({@code register.lua}).
   *
   * @return per spec, "" when its id is new, else the queue that already holds the id
   */
  List<String> register(List<JobSpec> specs) {
    Batch batch = link.batch("enqueue (register ids)");
    List<Reply<List<Object>>> replies = new ArrayList<>();
    List<String> indexKeys = List.of(keys.jobIndex(), keys.jobQueues(), keys.queues());
    for (int from = 0; from < specs.size(); from += CHUNK) {
      List<String> args = new ArrayList<>();
      for (JobSpec spec : specs.subList(from, Math.min(specs.size(), from + CHUNK))) {
        args.add(spec.id().toString());
        args.add(spec.queue());
      }
      replies.add(batch.list(LuaScript.REGISTER, indexKeys, args));
    }
    batch.execute();
    List<String> holders = new ArrayList<>(specs.size());
    replies.forEach(reply -> reply.get().forEach(queue -> holders.add((String) queue)));
    return holders;
  }

  /** Forgets ids of {@code queue} whose jobs are gone ({@code unregister.lua}). */
  void unregister(String operation, String queue, List<String> ids) {
    Batch batch = link.batch(operation);
    List<String> indexKeys = List.of(keys.jobIndex(), keys.jobQueues());
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<String> args = new ArrayList<>();
      args.add(queue);
      args.addAll(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
      batch.integer(LuaScript.UNREGISTER, indexKeys, args);
    }
    batch.execute();
  }

  /** The queue of each id that is registered; others are left out. */
  Map<UUID, String> queues(Collection<UUID> ids) {
    List<UUID> unique = List.copyOf(new LinkedHashSet<>(ids));
    Batch batch = link.batch("locate jobs");
    List<Reply<List<KeyValue<String, String>>>> replies = new ArrayList<>();
    for (int from = 0; from < unique.size(); from += CHUNK) {
      String[] fields =
          unique.subList(from, Math.min(unique.size(), from + CHUNK)).stream()
              .map(UUID::toString)
              .toArray(String[]::new);
      replies.add(batch.command(c -> c.hmget(keys.jobQueues(), fields)));
    }
    batch.execute();
    Map<UUID, String> queues = new LinkedHashMap<>();
    for (Reply<List<KeyValue<String, String>>> reply : replies) {
      for (KeyValue<String, String> entry : reply.get()) {
        if (entry.hasValue()) {
          queues.put(UUID.fromString(entry.getKey()), entry.getValue());
        }
      }
    }
    return queues;
  }

  /** Up to {@code count} ids below {@code before} (all when null), largest first. */
  List<UUID> idsBelow(String before, int count) {
    Range.Boundary<String> upper =
        before == null ? Range.Boundary.unbounded() : Range.Boundary.excluding(before);
    Range<String> range = Range.from(Range.Boundary.unbounded(), upper);
    Batch batch = link.batch("list jobs (index)");
    Reply<List<String>> ids =
        batch.command(c -> c.zrevrangebylex(keys.jobIndex(), range, Limit.create(0, count)));
    batch.execute();
    return ids.get().stream().map(UUID::fromString).toList();
  }
}
