package io.drover.bench;

import io.drover.runtime.HandlerRegistry;
import io.drover.runtime.WorkerConfig;
import io.drover.runtime.WorkerPool;
import io.drover.store.JobStore;
import io.drover.store.QueuePattern;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** One worker pool in this process, on the runtime's defaults except queue and concurrency. */
final class InProcessFleet implements Fleet {
  /** Every job has completed by the time the bench stops the pool; no need to wait 30 s. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private final MeasuredStore store;
  private final RunLog log;
  private final WorkerPool pool;

  /**
   * @param capacity how many jobs the queue will hold, numbered from 0: the size of the run log
   */
  InProcessFleet(JobStore store, String queue, int concurrency, int capacity) {
    this.store = new MeasuredStore(store);
    this.log = new RunLog(capacity);
    WorkerConfig config =
        WorkerConfig.builder()
            .queues(List.of(QueuePattern.of(queue)))
            .concurrency(concurrency)
            .shutdownGrace(SHUTDOWN_GRACE)
            .build();
    this.pool =
        new WorkerPool(
            this.store,
            config,
            new HandlerRegistry(Map.of(BenchHandler.KIND, new BenchHandler(log))),
            InstantSource.system(),
            RandomGenerator.getDefault());
  }

  @Override
  public void start() {
    pool.start();
  }

  @Override
  public long completed() {
    return store.completed();
  }

  @Override
  public FleetResult stop() {
    pool.stop();
    return new FleetResult(
        log.totalRuns(),
        log.duplicated(),
        store.firstClaimAt(),
        store.lastCompletionAt(),
        store.claimCalls(),
        store.completeCalls(),
        log.waits(),
        List.of());
  }

  @Override
  public void close() {
    pool.stop();
  }
}
