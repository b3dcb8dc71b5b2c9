package io.drover.store.redis;

import io.drover.limit.HeldKey;
import io.drover.limit.LimitSpec;
import io.drover.limit.LimitStatus;
import io.drover.limit.LimitStore;
import io.drover.limit.StartWindow;
import io.drover.store.QueuePattern;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Redis store's {@link LimitStore}. Limits are hashes beside the jobs, changed by one script
 * each ({@code limit_save.lua}, {@code limit_delete.lua}); claims enforce them inside {@code
 * claim.lua} through each governed queue's lanes ({@code lanes.lua}, {@code claim_limited.lua}).
 * Reads here always read the limits afresh, at one version.
 */
final class RedisLimits implements LimitStore {
  /** Delayed jobs a status read promotes per queue, as a claim would. */
  private static final int PROMOTE_LIMIT = 1000;

  private final RedisLink link;
  private final Keys keys;
  private final Queues queues;
  private final KnownLimits known;
  private final InstantSource clock;

  RedisLimits(RedisLink link, Keys keys, Queues queues, KnownLimits known, InstantSource clock) {
    this.link = link;
    this.keys = keys;
    this.queues = queues;
    this.known = known;
    this.clock = clock;
  }

  @Override
  public boolean saveLimit(LimitSpec limit) {
    List<String> args = Keys.scriptHeader(nowMillis(), keys.prefix(), keys.wakeupChannel());
    args.add(limit.name());
    args.add(new StoredLimit(limit, "").caps());
    args.add(Integer.toString(limit.kinds().size()));
    args.addAll(limit.kinds());
    List<String> fields = LimitHash.fields(limit);
    args.add(Integer.toString(fields.size() / 2));
    args.addAll(fields);
    args.addAll(matchedQueues(limit));
    boolean created = run("save limit", LuaScript.LIMIT_SAVE, args) == 1;
    known.refresh();
    return created;
  }

  @Override
  public Optional<LimitSpec> limit(String name) {
    return stored(name).map(StoredLimit::spec);
  }

  @Override
  public List<LimitSpec> limits() {
    return known.refresh().limits().stream().map(StoredLimit::spec).toList();
  }

  @Override
  public boolean deleteLimit(String name) {
    Optional<StoredLimit> was = stored(name);
    if (was.isEmpty()) {
      return false;
    }
    List<String> args = Keys.scriptHeader(nowMillis(), keys.prefix(), keys.wakeupChannel());
    args.add(name);
    args.addAll(matchedQueues(was.get().spec()));
    boolean deleted = run("delete limit", LuaScript.LIMIT_DELETE, args) == 1;
    known.refresh();
    return deleted;
  }

  @Override
  public Optional<LimitStatus> limitStatus(String name) {
    return stored(name).map(this::status);
  }

  @Override
  public Optional<Instant> nextStart(List<QueuePattern> asked) {
    long nowMicros = nowMillis() * 1_000;
    Batch batch = link.batch("limits next start");
    List<Reply<List<ScoredValue<String>>>> replies = new ArrayList<>();
    List<LimitSpec> rated = new ArrayList<>();
    for (StoredLimit limit : known.refresh().limits()) {
      LimitSpec spec = limit.spec();
      if (spec.rate() != null && spec.mayGovernAny(asked)) {
        long heldUntil = nowMicros + spec.rate().toleranceMicros();
        rated.add(spec);
        replies.add(
            batch.command(
                c ->
                    c.zrangebyscoreWithScores(
                        counters(limit) + "tats",
                        Range.from(
                            Range.Boundary.excluding((double) heldUntil),
                            Range.Boundary.unbounded()),
                        Limit.create(0, 1))));
      }
    }
    if (rated.isEmpty()) {
      return Optional.empty();
    }
    batch.execute();
    long earliest = Long.MAX_VALUE;
    for (int i = 0; i < rated.size(); i++) {
      for (ScoredValue<String> next : replies.get(i).get()) {
        earliest = Math.min(earliest, rated.get(i).rate().opensAt((long) next.getScore()));
      }
    }
    return earliest == Long.MAX_VALUE
        ? Optional.empty()
        : Optional.of(Instant.EPOCH.plus(earliest, ChronoUnit.MICROS));
  }

  /** The keys at one of the limit's caps with governed jobs due, and its running jobs. */
  private LimitStatus status(StoredLimit limit) {
    LimitSpec spec = limit.spec();
    long nowMillis = nowMillis();
    Map<String, long[]> waiting = waiting(spec, nowMillis);
    String counters = counters(limit);
    Batch batch = link.batch("limit status");
    Reply<String> running = batch.command(c -> c.get(counters + "running"));
    Reply<Map<String, String>> starts = batch.command(c -> c.hgetall(counters + "starts"));
    Map<String, Reply<String>> active = new TreeMap<>();
    Map<String, Reply<Double>> tats = new TreeMap<>();
    for (String key : waiting.keySet()) {
      active.put(key, batch.command(c -> c.hget(counters + "active", key)));
      tats.put(key, batch.command(c -> c.zscore(counters + "tats", key)));
    }
    batch.execute();
    long total = number(running.get());
    long nowMicros = nowMillis * 1_000;
    List<HeldKey> held = new ArrayList<>();
    waiting.forEach(
        (key, tally) -> {
          long activeOfKey = number(active.get(key).get());
          Double score = tats.get(key).get();
          Long tat = score == null ? null : score.longValue();
          if (!spec.admits(total, activeOfKey, tat, nowMicros)) {
            Instant nextStart =
                spec.rate() != null && spec.rate().holds(tat, nowMicros)
                    ? Instant.EPOCH.plus(spec.rate().opensAt(tat), ChronoUnit.MICROS)
                    : null;
            held.add(
                new HeldKey(key, activeOfKey, tally[0], Instant.ofEpochMilli(tally[1]), nextStart));
          }
        });
    return new LimitStatus(spec, total, recentStarts(spec, starts.get(), nowMillis), held);
  }

  /** The starts of the buckets a count at {@code nowMillis} reads, from their hash. */
  private static long recentStarts(LimitSpec spec, Map<String, String> buckets, long nowMillis) {
    StartWindow window = StartWindow.of(spec);
    long first = window.firstCounted(nowMillis);
    long last = window.bucket(nowMillis);
    long total = 0;
    for (Map.Entry<String, String> bucket : buckets.entrySet()) {
      long index = Long.parseLong(bucket.getKey());
      if (index >= first && index <= last) {
        total += Long.parseLong(bucket.getValue());
      }
    }
    return total;
  }

  /** The due governed jobs of the queues the limit matches: per key, count and earliest run_at. */
  private Map<String, long[]> waiting(LimitSpec spec, long nowMillis) {
    Batch batch = link.batch("limit status (waiting)");
    List<Reply<List<Object>>> replies = new ArrayList<>();
    for (String queue : matchedQueues(spec)) {
      QueueKeys queueKeys = keys.queue(queue);
      List<String> args = queueKeys.args(nowMillis);
      args.add(Integer.toString(PROMOTE_LIMIT));
      args.addAll(spec.kinds());
      replies.add(batch.list(LuaScript.LIMIT_WAITING, queueKeys.scriptKeys(), args));
    }
    batch.execute();
    Map<String, long[]> waiting = new TreeMap<>();
    for (Reply<List<Object>> reply : replies) {
      List<Object> tallies = reply.get();
      for (int i = 0; i + 2 < tallies.size(); i += 3) {
        long count = (Long) tallies.get(i + 1);
        long oldest = Long.parseLong((String) tallies.get(i + 2));
        waiting.merge(
            (String) tallies.get(i),
            new long[] {count, oldest},
            (a, b) -> new long[] {a[0] + b[0], Math.min(a[1], b[1])});
      }
    }
    return waiting;
  }

  private Optional<StoredLimit> stored(String name) {
    return known.refresh().limits().stream()
        .filter(limit -> limit.spec().name().equals(name))
        .findFirst();
  }

  private List<String> matchedQueues(LimitSpec spec) {
    return queues.known().stream().filter(spec::matchesQueue).toList();
  }

  private String counters(StoredLimit limit) {
    return keys.global() + "limit:" + limit.spec().name() + ":" + limit.generation() + ":";
  }

  private long run(String operation, LuaScript script, List<String> args) {
    Batch batch = link.batch(operation);
    Reply<Long> reply = batch.integer(script, List.of(), args);
    batch.execute();
    return reply.get();
  }

  private long nowMillis() {
    return clock.instant().toEpochMilli();
  }

  private static long number(String value) {
    return value == null ? 0 : Long.parseLong(value);
  }
}
