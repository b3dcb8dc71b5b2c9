package io.drover.server.http;

import io.drover.store.JobStore;
import io.drover.store.QueuePattern;
import io.drover.store.WorkerInfo;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps workers that claim over HTTP in the store's worker registry, so they are listed and judged
 * stale as in-process pools are. Such a worker never says it stops: its row goes stale and
 * maintenance removes it ({@link io.drover.maintenance.WorkerPruner}). The registry is asked at
 * every claim, not remembered here, so a worker removed meanwhile, or known only to another server
 * process, is registered again by its next claim.
 */
final class HttpWorkers {
  private static final Logger log = LoggerFactory.getLogger(HttpWorkers.class);

  private final JobStore store;
  private final InstantSource clock;

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

  /**
   * Records the claim as the worker's heartbeat. The registry's {@code running} becomes the jobs
   * this claim handed out: the server cannot see how many of earlier claims' jobs still run.
   */
  void claimed(String workerId, int jobs) {
    store.heartbeatWorker(workerId, jobs);
  }
}
