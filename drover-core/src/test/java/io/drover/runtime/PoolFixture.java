package io.drover.runtime;

import static org.awaitility.Awaitility.await;

import io.drover.Backoff;
import io.drover.Handler;
import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.store.JobStore;
import io.drover.store.memory.MemoryJobStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Builds a memory store and a pool over it (through a {@link FailingStore}), with fast settings,
 * and waits on job states.
 */
final class PoolFixture implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);

  final JobStore store = new MemoryJobStore(InstantSource.system());

  /** What the pool talks to: {@link #store}, failing on command. */
  final FailingStore failing = new FailingStore(store);

  private final Map<String, Handler> handlers = new HashMap<>();
  private WorkerConfig.Builder config =
      WorkerConfig.builder()
          .workerId("test-worker")
          .queues("*")
          .concurrency(4)
          .lease(Duration.ofSeconds(3))
          .pollInterval(Duration.ofMillis(50))
          .shutdownGrace(Duration.ofSeconds(2));
  private JobListener listener = JobListener.NONE;
  private WorkerPool pool;

  PoolFixture handler(String kind, Handler handler) {
    handlers.put(kind, handler);
    return this;
  }

  PoolFixture config(java.util.function.UnaryOperator<WorkerConfig.Builder> change) {
    config = change.apply(config);
    return this;
  }

  PoolFixture listener(JobListener listener) {
    this.listener = listener;
    return this;
  }

  WorkerPool start() {
    pool =
        new WorkerPool(
            failing,
            config.build(),
            new HandlerRegistry(handlers),
            InstantSource.system(),
            RandomGenerator.getDefault(),
            listener);
    pool.start();
    return pool;
  }

  /** A spec on queue {@code q} retrying without delay, so retries do not slow tests down. */
  static JobSpec.Builder spec(String kind) {
    return JobSpec.builder("q", kind).backoff(new Backoff(Duration.ZERO, Duration.ZERO));
  }

  UUID enqueue(JobSpec spec) {
    return store.enqueue(java.util.List.of(spec)).get(0).id();
  }

  Job awaitState(UUID id, JobState state) {
    return await()
        .atMost(WAIT)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .until(() -> store.get(id).orElseThrow(), job -> job.state() == state);
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.stop();
    }
    store.close();
  }
}
