package io.drover.store.redis;

import io.drover.Backoff;
import io.drover.JobError;
import io.drover.retry.RetryPolicy;
import io.drover.store.Failure;
import io.drover.store.JobOrder;
import io.drover.store.LeaseRef;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Recovers jobs whose lease expired, in two steps because the retry time comes from {@link
 * RetryPolicy} in Java: {@code reap_pick.lua} reads each queue's earliest expired leases, then
 * {@code fail.lua} fails or retries them, checking in the same atomic step that each is still
 * active under the token read and still expired. Reapers on many nodes may race; each job is
 * recovered once.
 */
final class LeaseReaper {
  /** One expired lease as read, with what its retry needs. */
  private record Expired(
      String queue,
      UUID id,
      long leaseEnd,
      long token,
      int attempt,
      int maxAttempts,
      Backoff backoff,
      String workerId) {}

  private static final Comparator<Expired> EARLIEST_FIRST =
      Comparator.comparingLong(Expired::leaseEnd).thenComparing(Expired::id, JobOrder.ID_ASCENDING);

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

  List<UUID> reap(int max) {
    Instant now = clock.instant();
    List<Expired> expired = pick(max, now);
    Map<String, List<Failure>> failures = new LinkedHashMap<>();
    for (Expired lease : expired) {
      String message = "lease expired (worker " + lease.workerId() + " stopped heartbeating)";
      Instant retryAt =
          RetryPolicy.nextRunAt(
              lease.backoff(),
              lease.attempt(),
              lease.maxAttempts(),
              now,
              ThreadLocalRandom.current());
      failures
          .computeIfAbsent(lease.queue(), q -> new ArrayList<>())
          .add(
              new Failure(
                  new LeaseRef(lease.id(), lease.token()),
                  new JobError(lease.attempt(), message, null, now),
                  retryAt));
    }
    Set<UUID> recovered = acknowledger.failExpired(failures);
    return expired.stream().map(Expired::id).filter(recovered::contains).toList();
  }

  /** The {@code max} earliest expired leases over all queues. */
  private List<Expired> pick(int max, Instant now) {
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
    List<Expired> expired = new ArrayList<>();
    for (int q = 0; q < names.size(); q++) {
      for (Object row : replies.get(q).get()) {
        expired.add(decode(names.get(q), (List<?>) row));
      }
    }
    expired.sort(EARLIEST_FIRST);
    return expired.subList(0, Math.min(max, expired.size()));
  }

  private static Expired decode(String queue, List<?> row) {
    return new Expired(
        queue,
        UUID.fromString((String) row.get(0)),
        Long.parseLong((String) row.get(1)),
        Long.parseLong((String) row.get(2)),
        Integer.parseInt((String) row.get(3)),
        Integer.parseInt((String) row.get(4)),
        new Backoff(
            Duration.ofMillis(Long.parseLong((String) row.get(5))),
            Duration.ofMillis(Long.parseLong((String) row.get(6)))),
        (String) row.get(7));
  }
}
