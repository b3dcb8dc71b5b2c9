package io.drover.maintenance;

import io.drover.StoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a piece of maintenance every interval on its own daemon thread. A failing run is logged and
 * the next one happens anyway: a background loop never dies silently.
 */
public final class PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

  private final String name;
  private final Duration interval;
  private final Runnable work;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile ScheduledExecutorService executor;

  public PeriodicTask(String name, Duration interval, Runnable work) {
    this.name = name;
    this.interval = interval;
    this.work = work;
  }

  /** Starts running at once and then every interval. Idempotent. */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("drover-" + name).factory());
    executor.scheduleWithFixedDelay(this::runAndLog, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops after the run in progress, if any. Idempotent, and harmless before start. */
  public void stop() {
    ScheduledExecutorService running = executor;
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
   * Runs the work once. Anything it throws but a {@link VirtualMachineError} is logged and the next
   * run happens anyway: an exception escaping here would cancel every later run silently. A store
   * outage is expected and logged in one line; anything else is a bug and gets its stack.
   */
  private void runAndLog() {
    try {
      work.run();
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (StoreUnavailableException e) {
      log.warn("{}: run failed, next in {} ms: {}", name, interval.toMillis(), e.toString());
    } catch (Throwable e) {
      log.error("{}: run failed, next in {} ms", name, interval.toMillis(), e);
    }
  }
}
