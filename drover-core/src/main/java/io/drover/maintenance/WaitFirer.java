package io.drover.maintenance;

import io.drover.store.JobStore;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the timers of runs that are due and settles signals whose timeout passed. A timer's
 * precision is this task's interval. Safe on every node at once: the store finishes each wait once.
 */
public final class WaitFirer {
  /** Default: how often to look for due waits. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(WaitFirer.class);
  private static final int BATCH = 1000;

  private final JobStore store;
  private final PeriodicTask task;

  public WaitFirer(JobStore store, Duration interval) {
    this.store = store;
    this.task = new PeriodicTask("wait-firer", interval, this::fireAll);
  }

  public void start() {
    task.start();
  }

  public void stop() {
    task.stop();
  }

  /** Fires every due wait now; returns how many. */
  public int fireAll() {
    int total = 0;
    int fired;
    do {
      fired = store.workflows().fireDueWaits(BATCH);
      total += fired;
    } while (fired == BATCH);
    if (total > 0) {
      log.debug("wait-firer: finished due timers and signal timeouts count={}", total);
    }
    return total;
  }
}
