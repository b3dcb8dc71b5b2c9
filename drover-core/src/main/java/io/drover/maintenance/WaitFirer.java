package io.drover.maintenance;

import io.drover.runtime.DueWatch;
import io.drover.store.JobStore;
import io.drover.store.Subscription;
import io.drover.store.WakeupListener;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the timers of runs that are due and settles signals whose timeout passed. It looks every
 * interval, so a timer's precision is the interval. Safe on every node at once: the store finishes
 * each wait once.
 *
 * <p>Where the store's wake-ups reach every process ({@link JobStore#wakeupsReachEveryProcess()}),
 * a look costs the store nothing unless something may be due: the firer knows the earliest wait's
 * end from the store ({@link io.drover.workflow.WorkflowStore#nextWaitAt()}) and hears of every
 * wait started since ({@link WakeupListener#waitDue}), so it asks the store only once such a time
 * has come, after wake-ups were lost, and at least every {@link #RECHECK}.
 */
public final class WaitFirer {
  /** Default: how often to look for due waits. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

  /** The longest it goes without asking the store, where wake-ups reach every process. */
  static final Duration RECHECK = Duration.ofSeconds(15);

  private static final Logger log = LoggerFactory.getLogger(WaitFirer.class);
  private static final int BATCH = 1000;

  private final JobStore store;
  private final InstantSource clock;
  private final PeriodicTask task;
  private final boolean announced;
  private final DueWatch due = new DueWatch(RECHECK);
  private Subscription wakeups = Subscription.NONE;

  public WaitFirer(JobStore store, InstantSource clock, Duration interval) {
    this.store = store;
    this.clock = clock;
    this.announced = store.wakeupsReachEveryProcess();
    this.task = new PeriodicTask("wait-firer", interval, this::look);
  }

  public void start() {
    if (announced) {
      wakeups = store.subscribe(new Heard());
    }
    task.start();
  }

  public void stop() {
    task.stop();
    wakeups.close();
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

  /** One interval's look: fires due waits, asking the store only when one may be due. */
  private void look() {
    if (!announced) {
      fireAll();
      return;
    }
    Instant now = clock.instant();
    if (!due.stale(now)) {
      return;
    }
    if (!due.due(now)) {
      due.refresh(now, () -> store.workflows().nextWaitAt());
    }
    if (due.due(now)) {
      fireAll();
      due.refresh(now, () -> store.workflows().nextWaitAt());
    }
  }

  /** Hears when started waits end, and when wake-ups were lost. */
  private final class Heard implements WakeupListener {
    @Override
    public void jobsAvailable(String queue) {}

    @Override
    public void waitDue(Instant at) {
      due.heard(at);
    }

    @Override
    public void wakeupsMissed() {
      due.missed();
    }
  }
}
