package io.drover;

import io.drover.events.EventChannel;
import io.drover.events.EventPublishingStore;
import io.drover.limit.LimitStore;
import io.drover.maintenance.Cleaner;
import io.drover.maintenance.Reaper;
import io.drover.maintenance.WaitFirer;
import io.drover.maintenance.WorkerPruner;
import io.drover.runtime.HandlerRegistry;
import io.drover.runtime.JobListener;
import io.drover.runtime.WorkerConfig;
import io.drover.runtime.WorkerPool;
import io.drover.schedule.Scheduler;
import io.drover.spool.SpoolConfig;
import io.drover.spool.SpoolingEnqueuer;
import io.drover.store.Capabilities;
import io.drover.store.CleanupRequest;
import io.drover.store.EnqueueGroupingStore;
import io.drover.store.Enqueued;
import io.drover.store.JobStore;
import io.drover.workflow.RunCreated;
import io.drover.workflow.RunSpec;
import io.drover.workflow.WorkflowStore;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Drover embedded in an application: a store, the handlers, an in-process worker pool and the
 * maintenance that recovers and cleans up jobs.
 *
 * <pre>{@code
 * Drover drover = Drover.builder()
 *     .store(SqliteJobStore.open(Path.of("drover-data/drover.db")))
 *     .handler("email.send", ctx -> { send(ctx.payloadAs(Email.class)); return Outcome.complete(); })
 *     .build();
 * drover.start();
 * drover.enqueue(JobSpec.builder("email", "email.send").payload("{\"to\":\"a@b.c\"}").build());
 * drover.close();
 * }</pre>
 */
public final class Drover implements AutoCloseable {
  private final JobStore store;
  private final JobDefaults jobDefaults;
  private final WorkerPool pool;
  private final Reaper reaper;
  private final WaitFirer waitFirer;
  private final Cleaner cleaner;
  private final WorkerPruner pruner;
  private final Scheduler scheduler;
  private final JobStore producers;
  private final SpoolingEnqueuer enqueuer;

  private Drover(Builder builder) {
    // Wrapped here, so every change made through this Drover (API, workers, scheduler, reaper) is
    // told to whoever watches job events, in this process or, for shared stores, any other.
    this.store =
        new EventPublishingStore(Objects.requireNonNull(builder.store, "store"), builder.clock);
    this.jobDefaults = builder.jobDefaults;
    this.pool =
        builder.workers
            ? new WorkerPool(
                store,
                builder.worker,
                new HandlerRegistry(builder.handlers),
                builder.clock,
                new java.util.Random(), // handler threads share it: safe for concurrent use
                builder.listener)
            : null;
    this.reaper = builder.maintenance ? new Reaper(store, Reaper.DEFAULT_INTERVAL) : null;
    this.cleaner =
        builder.maintenance
            ? new Cleaner(store, builder.retention, Cleaner.DEFAULT_INTERVAL)
            : null;
    this.pruner =
        builder.maintenance
            ? new WorkerPruner(
                store,
                builder.clock,
                builder.worker.heartbeatInterval(),
                WorkerPruner.DEFAULT_INTERVAL)
            : null;
    this.waitFirer =
        builder.maintenance && store.supportsWorkflows()
            ? new WaitFirer(store, builder.clock, WaitFirer.DEFAULT_INTERVAL)
            : null;
    boolean schedules = builder.scheduler == null ? store.supportsSchedules() : builder.scheduler;
    this.scheduler =
        schedules ? new Scheduler(store, builder.clock, jobDefaults, Scheduler.DEFAULT_TICK) : null;
    // Concurrent enqueues (API requests, threads of the embedding application) share store calls.
    this.producers = new EnqueueGroupingStore(store);
    this.enqueuer =
        builder.spool == null
            ? null
            : SpoolingEnqueuer.open(producers, builder.spool, builder.clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts the maintenance, the scheduler and the worker pool. Idempotent. */
  public Drover start() {
    if (scheduler != null) {
      scheduler.start();
    }
    if (reaper != null) {
      reaper.start();
      cleaner.start();
      pruner.start();
    }
    if (waitFirer != null) {
      waitFirer.start();
    }
    if (pool != null) {
      pool.start();
    }
    return this;
  }

  /**
   * Stops gracefully: the pool stops claiming, waits up to its shutdown grace, and releases the
   * jobs still running without using their attempt. The store stays open. Idempotent.
   */
  public void stop() {
    if (scheduler != null) {
      scheduler.stop();
    }
    if (pool != null) {
      pool.stop();
    }
    if (reaper != null) {
      reaper.stop();
      cleaner.stop();
      pruner.stop();
    }
    if (waitFirer != null) {
      waitFirer.stop();
    }
  }

  /** {@link #stop()}, then closes the spool and the store. */
  @Override
  public void close() {
    stop();
    if (enqueuer != null) {
      enqueuer.close();
    }
    store.close();
  }

  /**
   * Enqueues one job; with a spool, while the store is unreachable, the answer says it was spooled.
   *
   * @throws io.drover.spool.SpoolFullException if it had to be spooled and the spool is full
   */
  public Enqueued enqueue(JobSpec spec) {
    return enqueueAll(List.of(spec)).get(0);
  }

  /**
   * Enqueues many jobs in one store call, which carries other threads' calls made meanwhile too
   * (group commit); answers in the same order, once the jobs are committed. With a spool, while the
   * store is unreachable, all of them are spooled or none.
   */
  public List<Enqueued> enqueueAll(List<JobSpec> specs) {
    return enqueuer == null ? producers.enqueue(specs) : enqueuer.enqueue(specs);
  }

  /** The spool producers' jobs go to while the store is unreachable, if one is configured. */
  public Optional<SpoolingEnqueuer> spool() {
    return Optional.ofNullable(enqueuer);
  }

  public Optional<Job> get(UUID id) {
    return store.get(id);
  }

  /**
   * Starts a run: its steps become jobs of the store, run by the workers of their queues.
   *
   * @throws io.drover.UnsupportedCapabilityException when the store does not run workflows
   */
  public RunCreated startRun(RunSpec run) {
    return store.workflows().createRun(run);
  }

  /**
   * The store's runs: read, cancel, retry, signal.
   *
   * @throws io.drover.UnsupportedCapabilityException when the store does not run workflows
   */
  public WorkflowStore runs() {
    return store.workflows();
  }

  /**
   * The store's limits: per-key rates and concurrency caps, and fair queues, enforced at claim for
   * every process on the store.
   *
   * @throws io.drover.UnsupportedCapabilityException when the store does not enforce limits
   */
  public LimitStore limits() {
    return store.limits();
  }

  /** The store, as this Drover uses it: changes made through it publish job events. */
  public JobStore store() {
    return store;
  }

  /** Job events of every process sharing the store (only this one's, for memory and SQLite). */
  public EventChannel events() {
    return store.events();
  }

  /** The options a job gets when its spec leaves them unset. */
  public JobDefaults jobDefaults() {
    return jobDefaults;
  }

  /** The in-process worker pool, if workers are enabled. */
  public Optional<WorkerPool> workers() {
    return Optional.ofNullable(pool);
  }

  public static final class Builder {
    private JobStore store;
    private InstantSource clock = InstantSource.system();
    private final Map<String, Handler> handlers = new HashMap<>();
    private WorkerConfig worker;
    private boolean workers = true;
    private boolean maintenance = true;
    private Boolean scheduler;
    private JobDefaults jobDefaults = JobDefaults.STANDARD;
    private CleanupRequest retention = CleanupRequest.DEFAULT;
    private JobListener listener = JobListener.NONE;
    private SpoolConfig spool;

    private Builder() {}

    /** Required: where jobs live. {@link Drover#close()} closes it. */
    public Builder store(JobStore store) {
      this.store = store;
      return this;
    }

    /** Default: the system clock. */
    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    /** Runs jobs of {@code kind} with {@code handler}. */
    public Builder handler(String kind, Handler handler) {
      handlers.put(JobSpec.checkName("kind", kind), Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Default: {@code WorkerConfig.builder().build()} (every queue, concurrency 10). */
    public Builder worker(WorkerConfig worker) {
      this.worker = worker;
      return this;
    }

    /** Whether this process runs a worker pool. Default: true. */
    public Builder workers(boolean enabled) {
      this.workers = enabled;
      return this;
    }

    /**
     * Whether this process reaps expired leases, cleans up old jobs and removes workers silent for
     * long from the registry. Default: true.
     */
    public Builder maintenance(boolean enabled) {
      this.maintenance = enabled;
      return this;
    }

    /**
     * Whether this process fires due schedules (any number of processes may). Default: when the
     * store supports schedules.
     *
     * @throws UnsupportedCapabilityException at build, if enabled on a store without schedules
     */
    public Builder scheduler(boolean enabled) {
      this.scheduler = enabled;
      return this;
    }

    /** Default: {@link JobDefaults#STANDARD}. */
    public Builder jobDefaults(JobDefaults jobDefaults) {
      this.jobDefaults = Objects.requireNonNull(jobDefaults, "jobDefaults");
      return this;
    }

    /** Default: completed and cancelled 7 days, failed 14 days. */
    public Builder retention(CleanupRequest retention) {
      this.retention = Objects.requireNonNull(retention, "retention");
      return this;
    }

    /**
     * Told of every attempt the worker pool starts and how it ends, e.g. for metrics. Default:
     * {@link JobListener#NONE}.
     */
    public Builder listener(JobListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Keeps enqueues in a durable local spool while the store is unreachable, and forwards them
     * when it answers again (a circuit breaker decides; see {@link SpoolingEnqueuer}). Only
     * enqueues through {@link Drover#enqueue} and {@link Drover#enqueueAll} are spooled. Default:
     * no spool (an unreachable store fails the enqueue).
     */
    public Builder spool(SpoolConfig spool) {
      this.spool = spool;
      return this;
    }

    public Drover build() {
      if (Boolean.TRUE.equals(scheduler)) {
        Capabilities.requireSchedules(store);
      }
      if (worker == null) {
        worker = WorkerConfig.builder().build();
      }
      return new Drover(this);
    }
  }
}
