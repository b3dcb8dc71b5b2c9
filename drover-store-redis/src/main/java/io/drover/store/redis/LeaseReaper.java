package io.drover.store.redis;

import io.drover.Backoff;
import io.drover.store.ExpiredLease;
import io.drover.store.Failure;
import io.drover.store.JobChange;
import io.drover.store.JobOrder;
import io.drover.store.LeaseRef;
import io.drover.store.ReapRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Recovers jobs whose lease expired, in two steps because core decides each job's fate in Java
 * ({@link io.drover.store.LeaseExpiry}): {@code reap_pick.lua} reads each queue's earliest expired
 * leases, then {@code fail.lua} fails or retries them, checking in the same atomic step that each
 * is still active under the token read and still expired. Reapers on many nodes may race; each job
 * is recovered once. A lease whose job hash cannot be decoded is failed for good with the reason,
 * so one bad hash never stops the rest.
 */
final class LeaseReaper {
  /** One expired lease as read: the job's queue and either its lease or why it is unreadable. */
  private record Picked(String queue, long leaseEnd, LeaseRef lease, List<?> row) {}

  private static final Comparator<Picked> EARLIEST_FIRST =
      Comparator.comparingLong(Picked::leaseEnd)
          .thenComparing(picked -> picked.lease().jobId(), JobOrder.ID_ASCENDING);

  private final RedisLink link;
  private final Keys keys;
  private final Queues queues;
  private final Acknowledger acknowledger;
  private final InstantSource clock;

  LeaseReaper(
      RedisLink link, Keys keys, Queues queues, Acknowledger acknowledger, InstantSource clock) {
    this.link = link;
    this.keys = keys;
    this.queues = queues;
    this.acknowledger = acknowledger;
    this.clock = clock;
  }

  /** Reaps up to the request's max expired leases; returns what changed, earliest expired first. */
  List<JobChange> reap(ReapRequest request) {
    if (request.max() < 1) {
      return List.of();
    }
    Instant now = clock.instant();
    List<Picked> expired = pick(request.max(), now);
    List<Failure> failures = new ArrayList<>(expired.size());
    Map<UUID, String> queues = new HashMap<>();
    for (Picked picked : expired) {
      Failure failure;
      try {
        failure = request.expiry().failureOf(decode(picked), now);
      } catch (RuntimeException unreadable) {
        failure = request.expiry().unreadable(picked.lease(), workerOf(picked), unreadable, now);
      }
      failures.add(failure);
      queues.put(picked.lease().jobId(), picked.queue());
    }
    return acknowledger.failExpired(failures, queues);
  }

  /** The {@code max} earliest expired leases over all queues. */
  private List<Picked> pick(int max, Instant now) {
    List<String> names = queues.known();
    Batch batch = link.batch("reap (pick)");
    List<Reply<List<Object>>> replies = new ArrayList<>();
    for (String queue : names) {
      QueueKeys queueKeys = keys.queue(queue);
      List<String> args = queueKeys.args(now.toEpochMilli());
      args.add(Integer.toString(max));
      replies.add(batch.list(LuaScript.REAP_PICK, queueKeys.scriptKeys(), args));
    }
    batch.execute();
    List<Picked> expired = new ArrayList<>();
    for (int q = 0; q < names.size(); q++) {
      for (Object row : replies.get(q).get()) {
        List<?> fields = (List<?>) row;
        expired.add(
            new Picked(
                names.get(q),
                Long.parseLong((String) fields.get(1)),
                new LeaseRef(
                    UUID.fromString((String) fields.get(0)),
                    Long.parseLong((String) fields.get(2))),
                fields));
      }
    }
    expired.sort(EARLIEST_FIRST);
    return expired.subList(0, Math.min(max, expired.size()));
  }

  /** Row: id, lease end, token, attempt, max attempts, backoff base, backoff max, worker. */
  private static ExpiredLease decode(Picked picked) {
    List<?> row = picked.row();
    return new ExpiredLease(
        picked.lease(),
        Integer.parseInt((String) row.get(3)),
        Integer.parseInt((String) row.get(4)),
        new Backoff(
            Duration.ofMillis(Long.parseLong((String) row.get(5))),
            Duration.ofMillis(Long.parseLong((String) row.get(6)))),
        workerOf(picked),
        Instant.ofEpochMilli(picked.leaseEnd()));
  }

  private static String workerOf(Picked picked) {
    return picked.row().size() > 7 ? (String) picked.row().get(7) : null;
  }
}
