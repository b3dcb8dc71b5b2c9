package io.drover.store.redis;

import io.drover.Job;
import io.drover.store.ClaimRequest;
import io.drover.store.JobOrder;
import io.drover.store.LeaseTokens;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Claims: one {@code claim.lua} call per queue, then one pipeline reading the claimed jobs. Over
 * several queues, {@code peek.lua} first reads each queue's next jobs, so that the jobs taken are
 * the best across all of them, then one claim per queue takes its share, in one pipeline. A
 * competing worker may take some of the peeked jobs in between; this claim then takes the next ones
 * of that queue, a small bend of the order under contention, never a duplicate.
 */
final class Claimer {
  /**
   * Delayed jobs moved to ready per script call: due jobs beyond this wait for the next claim, so a
   * burst of many jobs becoming due at once never stalls the server.
   */
  private static final int PROMOTE_LIMIT = 1000;

  /**
   * Claim rounds at most when limits keep changing under a claim; past them the claim comes back
   * short, as if those queues were empty.
   */
  private static final int MAX_LIMIT_READS = 5;

  /** claim.lua's answer when the limits changed since this process read them. */
  private static final String STALE = "stale";

  /** The port's claim order, to merge the answers of several queues. */
  private static final Comparator<Job> CLAIM_ORDER =
      Comparator.comparingInt(Job::priority)
          .reversed()
          .thenComparing(Job::runAt)
          .thenComparing(Job::id, JobOrder.ID_ASCENDING);

  /** A peeked job: its queue and claim score; equal scores order by id, as in the sorted set. */
  private record Head(String queue, String id, double score) {}

  private static final Comparator<Head> HEAD_ORDER =
      Comparator.comparingDouble(Head::score).thenComparing(Head::id);

  private final RedisLink link;
  private final Keys keys;
  private final Queues queues;
  private final QueueLocator locator;
  private final JobReader reader;
  private final InstantSource clock;
  private final KnownLimits known;

  Claimer(
      RedisLink link,
      Keys keys,
      Queues queues,
      QueueLocator locator,
      JobReader reader,
      InstantSource clock,
      KnownLimits known) {
    this.link = link;
    this.keys = keys;
    this.queues = queues;
    this.locator = locator;
    this.reader = reader;
    this.clock = clock;
    this.known = known;
  }

  List<Job> claim(ClaimRequest request) {
    List<String> matching = queues.matching(request.queues());
    if (matching.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    Map<String, Integer> shares =
        matching.size() == 1
            ? Map.of(matching.get(0), request.max())
            : plan(matching, request, now);
    long leaseEndMillis = now.plus(request.lease()).toEpochMilli();
    Map<String, List<Object>> ids = claimShares(shares, request, now, leaseEndMillis);
    List<JobReader.Ref> refs = new ArrayList<>();
    for (String queue : shares.keySet()) {
      QueueKeys queueKeys = keys.queue(queue);
      for (Object id : ids.getOrDefault(queue, List.of())) {
        refs.add(new JobReader.Ref(queueKeys, UUID.fromString((String) id)));
        locator.remember(UUID.fromString((String) id), queue);
      }
    }
    List<Job> claimed =
        new ArrayList<>(reader.readClaimed("claim (read jobs)", refs, leaseEndMillis));
    if (shares.size() > 1) {
      claimed.sort(CLAIM_ORDER);
    }
    return claimed;
  }

  /**
   * One {@code claim.lua} call per queue, in one pipeline, under the limits this process knows; the
   * queues whose script found the limits changed since are claimed again under the limits read
   * afresh. Returns the claimed ids per queue.
   */
  private Map<String, List<Object>> claimShares(
      Map<String, Integer> shares, ClaimRequest request, Instant now, long leaseEndMillis) {
    String leaseEnd = Long.toString(leaseEndMillis);
    LeaseTokens tokens = LeaseTokens.draw(now.toEpochMilli());
    KnownLimits.Snapshot limits = known.current();
    Map<String, List<Object>> ids = new LinkedHashMap<>();
    Map<String, Integer> pending = shares;
    for (int round = 0; !pending.isEmpty() && round < MAX_LIMIT_READS; round++) {
      Batch batch = link.batch("claim");
      Map<String, Reply<List<Object>>> replies = new LinkedHashMap<>();
      for (Map.Entry<String, Integer> share : pending.entrySet()) {
        QueueKeys queueKeys = keys.queue(share.getKey());
        List<String> args = queueKeys.args(now.toEpochMilli());
        args.add(Integer.toString(share.getValue()));
        args.add(leaseEnd);
        args.add(request.workerId());
        args.add(Integer.toString(PROMOTE_LIMIT));
        args.add(Long.toString(tokens.floor()));
        args.add(Long.toString(tokens.step()));
        addLimitArgs(args, limits, share.getKey());
        replies.put(share.getKey(), batch.list(LuaScript.CLAIM, queueKeys.scriptKeys(), args));
      }
      batch.execute();
      Map<String, Integer> stale = new LinkedHashMap<>();
      for (Map.Entry<String, Reply<List<Object>>> reply : replies.entrySet()) {
        List<Object> answer = reply.getValue().get();
        if (answer.size() == 1 && STALE.equals(answer.get(0))) {
          stale.put(reply.getKey(), pending.get(reply.getKey()));
        } else {
          ids.put(reply.getKey(), answer);
        }
      }
      if (!stale.isEmpty()) {
        limits = known.refresh();
      }
      pending = stale;
    }
    return ids;
  }

  /** The limits' version, whether the queue is fair, and the limits capping it. */
  private static void addLimitArgs(List<String> args, KnownLimits.Snapshot limits, String queue) {
    args.add(limits.version());
    args.add(limits.fair(queue) ? "1" : "0");
    List<StoredLimit> capping = limits.capping(queue);
    args.add(Integer.toString(capping.size()));
    capping.forEach(limit -> limit.addClaimArgs(args));
  }

  /** How many jobs to take from each queue: the best {@code max} of all their next jobs. */
  private Map<String, Integer> plan(List<String> matching, ClaimRequest request, Instant now) {
    Batch batch = link.batch("claim (peek)");
    List<Reply<List<Object>>> replies = new ArrayList<>();
    for (String queue : matching) {
      QueueKeys queueKeys = keys.queue(queue);
      List<String> args = queueKeys.args(now.toEpochMilli());
      args.add(Integer.toString(request.max()));
      args.add(Integer.toString(PROMOTE_LIMIT));
      replies.add(batch.list(LuaScript.PEEK, queueKeys.scriptKeys(), args));
    }
    batch.execute();
    List<Head> heads = new ArrayList<>();
    for (int q = 0; q < matching.size(); q++) {
      List<Object> idsAndScores = replies.get(q).get();
      for (int i = 0; i + 1 < idsAndScores.size(); i += 2) {
        heads.add(
            new Head(
                matching.get(q),
                (String) idsAndScores.get(i),
                Double.parseDouble((String) idsAndScores.get(i + 1))));
      }
    }
    heads.sort(HEAD_ORDER);
    Map<String, Integer> shares = new LinkedHashMap<>();
    for (Head head : heads.subList(0, Math.min(heads.size(), request.max()))) {
      shares.merge(head.queue(), 1, Integer::sum);
    }
    return shares;
  }
}
