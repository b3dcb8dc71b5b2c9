package io.drover.store.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This process's copy of the stored limits, read at one version. Claims use it without asking and
 * pass its version to {@code claim.lua}, which refuses a stale one; the claim then reads the limits
 * again and retries. So a queue no limit governs claims as it did before limits, and a change made
 * by any process takes effect at the next claim.
 */
final class KnownLimits {
  /** The limits at one version. */
  record Snapshot(String version, List<StoredLimit> limits) {

    /** The limits that cap something in {@code queue}, whatever the kind. */
    List<StoredLimit> capping(String queue) {
      return limits.stream()
          .filter(limit -> limit.spec().caps() && limit.spec().matchesQueue(queue))
          .toList();
    }

    boolean fair(String queue) {
      return limits.stream()
          .anyMatch(limit -> limit.spec().fair() && limit.spec().matchesQueue(queue));
    }
  }

  private final RedisLink link;
  private final Keys keys;
  private volatile Snapshot snapshot;

  KnownLimits(RedisLink link, Keys keys) {
    this.link = link;
    this.keys = keys;
  }

  /** The limits as last read, read now if never. */
  Snapshot current() {
    Snapshot known = snapshot;
    return known == null ? refresh() : known;
  }

  /** Reads every limit again, at one version. */
  @SuppressWarnings("unchecked")
  Snapshot refresh() {
    Batch batch = link.batch("read limits");
    Reply<List<Object>> reply = batch.list(LuaScript.LIMIT_READ, List.of(), List.of(keys.global()));
    batch.execute();
    List<Object> answer = reply.get();
    List<StoredLimit> limits = new ArrayList<>();
    for (int i = 1; i + 2 < answer.size(); i += 3) {
      String name = (String) answer.get(i);
      Map<String, String> hash = new HashMap<>();
      List<Object> flat = (List<Object>) answer.get(i + 2);
      for (int f = 0; f + 1 < flat.size(); f += 2) {
        hash.put((String) flat.get(f), (String) flat.get(f + 1));
      }
      limits.add(new StoredLimit(LimitHash.decode(name, hash), (String) answer.get(i + 1)));
    }
    Snapshot read = new Snapshot((String) answer.get(0), List.copyOf(limits));
    snapshot = read;
    return read;
  }
}
