package io.drover.maintenance;

import io.drover.runtime.OutageLog;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a piece of maintenance every interval on its own daemon thread. A failing run is logged and
 * the next one happens anyway: a background loop never dies silently. While runs fail, the next
 * comes after a backoff that grows up to {@link OutageLog#DEFAULT_MAX_RETRY} (but never sooner than
 * the interval), and a store outage is logged once when it starts and once when it ends.
 */
public final class PeriodicTask {
  private final String name;
  private final Duration interval;
  private final Runnable work;
  private final OutageLog outages;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile ScheduledThreadPoolExecutor executor;

  public PeriodicTask(String name, Duration interval, Runnable work) {
    this.name = name;
    this.interval = interval;
    this.work = work;
    this.outages = new OutageLog(name, InstantSource.system());
  }

  /** Starts running at once and then every interval. Idempotent. */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    executor =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().daemon().name("drover-" + name).factory());
    // Each run schedules the next; once stopped, the one waiting must not run.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.execute(this::runAndLog);
  }

  /** Stops after the run in progress, if any. Idempotent, and harmless before start. */
  public void stop() {
    ScheduledThreadPoolExecutor running = executor;
    if (running == null) {
      return;
    }
    running.shutdown();
    try {
      if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
        running.shutdownNow();
      }
    } catch (InterruptedException e) {
      running.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs the work once and schedules the next run. Anything it throws but a {@link
   * VirtualMachineError} is logged and the next run happens anyway: an exception escaping here
   * would cancel every later run silently.
   */
  private void runAndLog() {
    Duration next = interval;
    try {
      work.run();
      outages.succeeded();
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable e) {
      Duration backoff = outages.failed(e);
      next = backoff.compareTo(interval) > 0 ? backoff : interval;
    }
    try {
      executor.schedule(this::runAndLog, next.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      // stop() was called during the run: there is no next one.
    }
  }
}
