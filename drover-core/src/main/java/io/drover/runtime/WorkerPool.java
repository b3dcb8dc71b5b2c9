package io.drover.runtime;

import io.drover.Handler;
import io.drover.Job;
import io.drover.Outcome;
import io.drover.lifecycle.JobFate;
import io.drover.store.Acknowledgement;
import io.drover.store.ClaimRequest;
import io.drover.store.Completion;
import io.drover.store.Failure;
import io.drover.store.HeartbeatRequest;
import io.drover.store.JobStore;
import io.drover.store.LeaseRef;
import io.drover.store.QueuePattern;
import io.drover.store.Release;
import io.drover.store.Subscription;
import io.drover.store.WakeupListener;
import io.drover.store.WorkerHeartbeat;
import io.drover.store.WorkerInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Claims jobs from a set of queues and runs their handlers on virtual threads, at most {@code
 * concurrency} at a time (DESIGN §6, §8).
 *
 * <p>One dispatcher thread claims as many jobs as there are free slots, in one store call, then
 * waits for a slot to free, a wake-up from the store, or as long as its {@link IdlePacer} says.
 * Outcomes are acknowledged in batches by {@link AckBatcher}; leases are extended every heartbeat
 * interval, and a job whose lease the store no longer honours (reaped, cancelled) is interrupted
 * and never acknowledged. {@link #stop()} stops claiming, waits up to the shutdown grace, and
 * releases the jobs still running without using their attempt.
 */
public final class WorkerPool {
  private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
  private static final Duration ACK_FLUSH_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration FIRST_HEARTBEAT_RETRY = Duration.ofMillis(200);

  private final JobStore store;
  private final WorkerConfig config;
  private final HandlerRegistry handlers;
  private final InstantSource clock;
  private final JobFate fate;
  private final JobListener listener;
  private final Semaphore slots;
  private final Map<UUID, Execution> inFlight = new ConcurrentHashMap<>();
  private final Signal wake = new Signal();
  private final Signal finished = new Signal();
  private final OutageLog heartbeatOutage;
  private final AckBatcher acks;
  private final IdlePacer idle;
  private final ScheduledExecutorService timers;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Thread dispatcher;
  private volatile boolean claiming = true;
  private volatile boolean waitingToClaim;
  private Subscription wakeups = Subscription.NONE;

  public WorkerPool(
      JobStore store,
      WorkerConfig config,
      HandlerRegistry handlers,
      InstantSource clock,
      RandomGenerator random) {
    this(store, config, handlers, clock, random, JobListener.NONE);
  }

  /**
   * @param listener told of every attempt's start and outcome; see {@link JobListener}
   */
  public WorkerPool(
      JobStore store,
      WorkerConfig config,
      HandlerRegistry handlers,
      InstantSource clock,
      RandomGenerator random,
      JobListener listener) {
    this.store = store;
    this.config = config;
    this.handlers = handlers;
    this.clock = clock;
    this.fate = new JobFate(random);
    this.listener = GuardedListener.of(listener);
    this.slots = new Semaphore(config.concurrency());
    this.idle = new IdlePacer(store, config, clock);
    this.acks =
        new AckBatcher(
            store,
            config.workerId(),
            () -> {
              if (waitingToClaim) {
                wake.raise();
              }
            });
    Duration heartbeatRetry = config.heartbeatInterval().dividedBy(2);
    this.heartbeatOutage =
        new OutageLog(
            "worker " + config.workerId() + ": heartbeats",
            clock,
            FIRST_HEARTBEAT_RETRY.compareTo(heartbeatRetry) < 0
                ? FIRST_HEARTBEAT_RETRY
                : heartbeatRetry,
            heartbeatRetry);
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("drover-timer-" + config.workerId()).factory());
    this.dispatcher =
        Thread.ofPlatform()
            .daemon()
            .name("drover-dispatch-" + config.workerId())
            .unstarted(this::dispatchLoop);
  }

  /** Registers the worker and starts claiming. Idempotent. */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    Instant now = clock.instant();
    List<String> queues = config.queues().stream().map(QueuePattern::text).toList();
    store.registerWorker(
        new WorkerInfo(
            config.workerId(), WorkerConfig.hostName(), queues, config.concurrency(), 0, now, now));
    wakeups = store.subscribe(new Wakeups());
    acks.start();
    scheduleHeartbeat(config.heartbeatInterval());
    dispatcher.start();
    log.atInfo()
        .setMessage("worker: started")
        .addKeyValue("worker_id", config.workerId())
        .addKeyValue("queues", queues)
        .addKeyValue("concurrency", config.concurrency())
        .addKeyValue("store", store.name())
        .log();
  }

  /**
   * Stops claiming, waits up to the shutdown grace for running handlers, releases the jobs still
   * running (their attempt not counted), flushes acknowledgements and leaves the registry.
   * Idempotent, and harmless before {@link #start()}.
   */
  public void stop() {
    if (!started.get() || !stopped.compareAndSet(false, true)) {
      return;
    }
    claiming = false;
    wake.raise();
    try {
      dispatcher.join(config.pollInterval().multipliedBy(4).plusSeconds(5));
      wakeups.close();
      awaitRunning(config.shutdownGrace());
      int released = releaseRunning();
      acks.stop(ACK_FLUSH_TIMEOUT);
      log.atInfo()
          .setMessage("worker: stopped")
          .addKeyValue("worker_id", config.workerId())
          .addKeyValue("released", released)
          .log();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      timers.shutdownNow();
      try {
        store.removeWorker(config.workerId());
      } catch (RuntimeException e) {
        log.atWarn()
            .setMessage("worker: could not leave the registry")
            .addKeyValue("worker_id", config.workerId())
            .addKeyValue("error", e.toString())
            .log();
      }
    }
  }

  /** Jobs running now. */
  public int running() {
    return inFlight.size();
  }

  public WorkerConfig config() {
    return config;
  }

  private void dispatchLoop() {
    OutageLog outages = new OutageLog("worker " + config.workerId() + ": claim", clock);
    while (claiming) {
      try {
        int free = slots.availablePermits();
        if (free == 0) {
          waitWhile(() -> slots.availablePermits() == 0);
          continue;
        }
        // Outcomes the store has not taken yet would run again after a crash: while as many wait as
        // the pool has slots (a slow or unreachable store), it claims no more, so a crash reruns at
        // most about three times its concurrency, however long the store lags.
        if (acks.unsettled() >= config.concurrency()) {
          waitWhile(() -> acks.unsettled() >= config.concurrency());
          continue;
        }
        List<Job> claimed =
            store.claim(new ClaimRequest(config.workerId(), config.queues(), free, config.lease()));
        outages.succeeded();
        for (Job job : claimed) {
          launch(job);
        }
        if (claimed.size() < free) {
          wake.awaitAndClear(idle.next());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (Throwable e) {
        // Not only an unreachable store: an Error thrown by a driver must not end the loop.
        pause(outages.failed(e));
      }
    }
  }

  /** Waits for a slot or a settled outcome to wake it, at most the poll interval, while blocked. */
  private void waitWhile(BooleanSupplier blocked) throws InterruptedException {
    waitingToClaim = true;
    try {
      // Re-check after raising the flag: a change in between would not have woken us.
      if (blocked.getAsBoolean()) {
        wake.awaitAndClear(config.pollInterval());
      }
    } finally {
      waitingToClaim = false;
    }
  }

  private void launch(Job job) {
    slots.acquireUninterruptibly();
    Execution execution = new Execution(job);
    inFlight.put(job.id(), execution);
    Thread thread =
        Thread.ofVirtual().name("drover-job-" + job.id()).unstarted(() -> run(execution));
    execution.bind(thread);
    thread.start();
  }

  private void run(Execution execution) {
    Job job = execution.job();
    ScheduledFuture<?> timeout =
        timers.schedule(() -> timeOut(execution), job.timeout().toMillis(), TimeUnit.MILLISECONDS);
    Outcome outcome = null;
    Throwable thrown = null;
    listener.onStarted(job);
    try {
      outcome = handle(execution);
    } catch (Throwable t) {
      thrown = t;
    } finally {
      timeout.cancel(false);
    }
    try {
      if (execution.end(Execution.Phase.FINISHED, false)) {
        acknowledge(execution, outcome, thrown);
      }
    } finally {
      inFlight.remove(job.id());
      slots.release();
      finished.raise();
      if (waitingToClaim) {
        wake.raise();
      }
    }
  }

  private Outcome handle(Execution execution) throws Exception {
    Job job = execution.job();
    Handler handler = handlers.find(job.kind()).orElse(null);
    if (handler == null) {
      return Outcome.fail(
          "no handler for kind '"
              + job.kind()
              + "' on worker "
              + config.workerId()
              + " (registered: "
              + handlers.describe()
              + ")");
    }
    if (log.isDebugEnabled()) {
      withJob(log.atDebug(), job).setMessage("job: started").log();
    }
    return handler.handle(new RunningJobContext(execution, store));
  }

  /** Hands what {@link JobFate} decided to the acknowledgement batcher, and tells the listener. */
  private void acknowledge(Execution execution, Outcome outcome, Throwable thrown) {
    Job job = execution.job();
    Instant now = clock.instant();
    Acknowledgement ack =
        thrown == null
            ? fate.afterOutcome(job, outcome, now)
            : fate.afterException(job, thrown, now);
    switch (ack) {
      case Completion completion -> {
        Duration took = execution.elapsed();
        if (log.isDebugEnabled()) {
          withJob(log.atDebug(), job)
              .setMessage("job: completed")
              .addKeyValue("duration_ms", took.toMillis())
              .log();
        }
        listener.onCompleted(job, took);
        acks.send(completion);
      }
      case Failure failure -> failed(execution, failure);
      case Release release -> acks.send(release);
    }
  }

  /** Records a failed attempt; a null retry time means the job fails for good. */
  private void failed(Execution execution, Failure failure) {
    Job job = execution.job();
    Duration took = execution.elapsed();
    withJob(log.atInfo(), job)
        .setMessage("job: attempt failed")
        .addKeyValue("max_attempts", job.maxAttempts())
        .addKeyValue("retry_at", failure.retryAt() == null ? null : failure.retryAt().toString())
        .addKeyValue("duration_ms", took.toMillis())
        .addKeyValue("reason", failure.error().message())
        .log();
    if (failure.retryAt() == null) {
      listener.onFailed(job, took);
    } else {
      listener.onRetrying(job, took);
    }
    acks.send(failure);
  }

  private void timeOut(Execution execution) {
    if (execution.end(Execution.Phase.TIMED_OUT, true)) {
      failed(execution, fate.afterTimeout(execution.job(), clock.instant()));
    }
  }

  private void scheduleHeartbeat(Duration in) {
    try {
      timers.schedule(this::heartbeat, in.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      // The pool stopped: no more heartbeats are due.
    }
  }

  /**
   * Extends the leases of running jobs and interrupts those the store no longer honours. A failed
   * heartbeat is tried again soon (200 ms, doubling, at most half the interval), not a whole
   * interval later: after an outage the leases must be renewed before they run out.
   */
  private void heartbeat() {
    Duration next = config.heartbeatInterval();
    try {
      List<Execution> running = inFlight.values().stream().filter(Execution::isRunning).toList();
      if (!running.isEmpty()) {
        List<LeaseRef> leases = running.stream().map(Execution::lease).toList();
        Set<UUID> kept =
            store.heartbeat(new HeartbeatRequest(config.workerId(), leases, config.lease()));
        for (Execution execution : running) {
          if (!kept.contains(execution.job().id())
              && execution.end(Execution.Phase.ABANDONED, true)) {
            withJob(log.atWarn(), execution.job())
                .setMessage(
                    "job: lease lost (reaped, cancelled, or its claim lost in a store crash),"
                        + " handler interrupted, outcome not stored")
                .log();
          }
        }
      }
      store.heartbeatWorker(new WorkerHeartbeat(config.workerId(), inFlight.size()));
      heartbeatOutage.succeeded();
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable e) {
      next = heartbeatOutage.failed(e);
    }
    // Also while stopping: running jobs keep their leases through the shutdown grace.
    scheduleHeartbeat(next);
  }

  private void awaitRunning(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    while (!inFlight.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      finished.awaitAndClear(Duration.ofNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100))));
    }
  }

  private int releaseRunning() {
    int released = 0;
    for (Execution execution : inFlight.values()) {
      if (execution.end(Execution.Phase.RELEASED, true)) {
        acks.send(new Release(execution.lease()));
        released++;
      }
    }
    return released;
  }

  /** Wakes the dispatcher for the pool's queues, and tells its pacer of due times. */
  private final class Wakeups implements WakeupListener {
    @Override
    public void jobsAvailable(String queue) {
      if (QueuePattern.anyMatches(config.queues(), queue)) {
        wake.raise();
      }
    }

    @Override
    public void jobsDue(String queue, Instant at) {
      if (QueuePattern.anyMatches(config.queues(), queue) && idle.heardDue(at)) {
        wake.raise();
      }
    }

    @Override
    public void wakeupsMissed() {
      idle.heardMissed();
      wake.raise();
    }
  }

  /**
   * Adds the fields every job log line carries (STYLE: key-value fields), so both the text and the
   * JSON log formats can be searched by them.
   */
  private static LoggingEventBuilder withJob(LoggingEventBuilder event, Job job) {
    return event
        .addKeyValue("job_id", job.id())
        .addKeyValue("queue", job.queue())
        .addKeyValue("kind", job.kind())
        .addKeyValue("attempt", job.attempt());
  }

  /** Waits out a store error's backoff; {@link #stop()} ends the wait at once. */
  private void pause(Duration duration) {
    try {
      wake.awaitAndClear(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
