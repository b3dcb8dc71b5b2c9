package io.drover.server.http;

import io.drover.Job;
import io.drover.store.JobStore;
import io.drover.store.QueuePattern;
import io.drover.store.WorkerHeartbeat;
import io.drover.store.WorkerInfo;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps workers that claim over HTTP in the store's worker registry, so they are listed and judged
 * stale as in-process pools are. Such a worker never says it stops: its row goes stale and
 * maintenance removes it ({@link io.drover.maintenance.WorkerPruner}). The registry is asked at
 * every claim, not remembered here, so a worker removed meanwhile, or known only to another server
 * process, is registered again by its next claim.
 *
 * <p>Its {@code running} count is the jobs it holds, as far as the calls through this process tell:
 * each claimed job until it is completed or failed, its lease is found lost, or its lease (as last
 * extended here) runs out. Expiry empties what no call does, so nothing is kept past a lease.
 */
final class HttpWorkers {
  private static final Logger log = LoggerFactory.getLogger(HttpWorkers.class);

  private final JobStore store;
  private final InstantSource clock;

  /** Per worker, the jobs it holds and when their leases end. */
  private final ConcurrentMap<String, Map<UUID, Instant>> holding = new ConcurrentHashMap<>();

  HttpWorkers(JobStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Registers the worker unless the registry has it; its concurrency is what it claims at most.
   *
   * @param host where it runs, as it says or as the request came from
   */
  void claiming(String workerId, String host, List<QueuePattern> queues, int max) {
    if (store.workers().stream().anyMatch(worker -> worker.id().equals(workerId))) {
      return;
    }
    Instant now = clock.instant();
    List<String> patterns = queues.stream().map(QueuePattern::text).toList();
    store.registerWorker(new WorkerInfo(workerId, host, patterns, max, 0, now, now));
    log.atInfo()
        .setMessage("worker: registered over http")
        .addKeyValue("worker_id", workerId)
        .addKeyValue("host", host)
        .addKeyValue("queues", patterns)
        .log();
  }

  /** Records the claim as the worker's heartbeat, with the jobs it now holds. */
  void claimed(String workerId, List<Job> jobs) {
    report(workerId, held -> jobs.forEach(job -> held.put(job.id(), job.leaseExpiresAt())));
  }

  /**
   * The job's lease was extended: it is held until the new expiry. The count is unchanged, so the
   * registry is not written (claims are the worker's heartbeat).
   */
  void extended(Job job) {
    if (job.workerId() != null) {
      holding.computeIfPresent(
          job.workerId(),
          (id, held) -> {
            held.replace(job.id(), job.leaseExpiresAt());
            return held;
          });
    }
  }

  /** The worker holds the job no more: it finished it, or its lease is lost. */
  void released(Job job) {
    if (job.workerId() != null && holding.containsKey(job.workerId())) {
      report(job.workerId(), held -> held.remove(job.id()));
    }
  }

  /** Changes what the worker holds, drops what expired, and tells the registry the count. */
  private void report(String workerId, Consumer<Map<UUID, Instant>> change) {
    Instant now = clock.instant();
    int[] running = new int[1];
    // compute() changes one worker's jobs atomically; the inner map is only touched inside it.
    holding.compute(
        workerId,
        (id, held) -> {
          Map<UUID, Instant> jobs = held == null ? new HashMap<>() : held;
          change.accept(jobs);
          jobs.values().removeIf(expiry -> expiry == null || !expiry.isAfter(now));
          running[0] = jobs.size();
          return jobs.isEmpty() ? null : jobs;
        });
    store.heartbeatWorker(new WorkerHeartbeat(workerId, running[0]));
  }
}
