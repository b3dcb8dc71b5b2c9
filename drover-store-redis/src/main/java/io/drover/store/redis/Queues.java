package io.drover.store.redis;

import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.store.QueuePattern;
import io.drover.store.QueueStats;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The queue registry and what is kept per queue: which queues exist (for globs, stats and
 * maintenance, which loop over queues because each queue is its own hash slot), pause flags and the
 * counts behind stats. The pause flag sits in the queue's own slot so claims check it inside their
 * script.
 */
final class Queues {
  private static final String PAUSED = "paused";

  private final RedisLink link;
  private final Keys keys;
  private final InstantSource clock;

  Queues(RedisLink link, Keys keys, InstantSource clock) {
    this.link = link;
    this.keys = keys;
    this.clock = clock;
  }

  /** Every queue ever enqueued into or paused, sorted by name. */
  List<String> known() {
    Batch batch = link.batch("list queues");
    Reply<Set<String>> members = batch.command(c -> c.smembers(keys.queues()));
    batch.execute();
    return members.get().stream().sorted().toList();
  }

  /** The queues the patterns name; literal names need no registry read. */
  List<String> matching(List<QueuePattern> patterns) {
    if (patterns.stream().allMatch(QueuePattern::isLiteral)) {
      Set<String> names = new LinkedHashSet<>();
      patterns.forEach(pattern -> names.add(pattern.text()));
      return List.copyOf(names);
    }
    return known().stream().filter(queue -> QueuePattern.anyMatches(patterns, queue)).toList();
  }

  /**
   * When the earliest delayed job of the queues the patterns match becomes due, passing over jobs
   * due already (a pause or a limit may hold them in delayed): one command per queue, one round
   * trip.
   */
  Optional<Instant> nextDue(List<QueuePattern> patterns) {
    List<String> names = matching(patterns);
    if (names.isEmpty()) {
      return Optional.empty();
    }
    Range<Double> afterNow =
        Range.from(Range.Boundary.excluding((double) clock.millis()), Range.Boundary.unbounded());
    Batch batch = link.batch("next due");
    List<Reply<List<ScoredValue<String>>>> replies = new ArrayList<>(names.size());
    for (String queue : names) {
      String delayed = keys.queue(queue).delayed();
      replies.add(
          batch.command(c -> c.zrangebyscoreWithScores(delayed, afterNow, Limit.create(0, 1))));
    }
    batch.execute();
    double earliest = Double.POSITIVE_INFINITY;
    for (Reply<List<ScoredValue<String>>> reply : replies) {
      for (ScoredValue<String> first : reply.get()) {
        earliest = Math.min(earliest, first.getScore());
      }
    }
    return earliest == Double.POSITIVE_INFINITY
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli((long) earliest));
  }

  void pause(String queue) {
    JobSpec.checkName("queue", queue);
    Batch batch = link.batch("pause queue");
    batch.command(c -> c.sadd(keys.queues(), queue));
    batch.command(c -> c.hset(keys.queue(queue).meta(), PAUSED, "1"));
    batch.execute();
  }

  /** Lets claims take from the queue again and wakes its workers, which may have jobs waiting. */
  void resume(String queue) {
    JobSpec.checkName("queue", queue);
    Batch batch = link.batch("resume queue");
    batch.command(c -> c.hdel(keys.queue(queue).meta(), PAUSED));
    batch.command(c -> c.publish(keys.wakeupChannel(), queue));
    batch.execute();
  }

  /** Counts for every queue that has jobs or is paused, sorted by name; one script per queue. */
  List<QueueStats> stats() {
    List<String> queues = known();
    long now = clock.instant().toEpochMilli();
    Batch batch = link.batch("stats");
    List<Reply<List<Object>>> replies = new ArrayList<>();
    for (String queue : queues) {
      QueueKeys queueKeys = keys.queue(queue);
      replies.add(batch.list(LuaScript.STATS, queueKeys.scriptKeys(), queueKeys.args(now)));
    }
    batch.execute();
    List<QueueStats> stats = new ArrayList<>();
    for (int i = 0; i < queues.size(); i++) {
      QueueStats queue = decode(queues.get(i), replies.get(i).get());
      if (queue.total() > 0 || queue.paused()) {
        stats.add(queue);
      }
    }
    return stats;
  }

  private static QueueStats decode(String queue, List<Object> reply) {
    Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    List<?> stateCounts = (List<?>) reply.get(1);
    for (int i = 0; i + 1 < stateCounts.size(); i += 2) {
      long n = Long.parseLong((String) stateCounts.get(i + 1));
      if (n > 0) {
        counts.put(JobState.fromWire((String) stateCounts.get(i)), n);
      }
    }
    String oldest = (String) reply.get(2);
    Instant oldestWaiting = oldest.isEmpty() ? null : JobHash.instant(oldest);
    return new QueueStats(queue, counts, oldestWaiting, "1".equals(reply.get(0)));
  }
}
