package io.drover.maintenance;

import io.drover.lifecycle.JobFate;
import io.drover.store.JobChange;
import io.drover.store.JobStore;
import io.drover.store.ReapRequest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers jobs whose worker died: their leases run out and any node's reaper puts them back
 * (DESIGN §2). Safe on every node at once: the store makes each recovery happen once.
 */
public final class Reaper {
  /**
   * Default: how often to look for expired leases. A dead worker's jobs run again within a lease
   * and this; each look costs the store a command per queue (Redis) even when idle, which
   * serverless stores bill (docs/performance.md, idle cost).
   */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

  private static final Logger log = LoggerFactory.getLogger(Reaper.class);
  private static final int BATCH = 1000;

  private final JobStore store;
  private final ReapRequest batch = new ReapRequest(BATCH, new JobFate(new Random()));
  private final PeriodicTask task;

  public Reaper(JobStore store, Duration interval) {
    this.store = store;
    this.task = new PeriodicTask("reaper", interval, this::reapAll);
  }

  public void start() {
    task.start();
  }

  public void stop() {
    task.stop();
  }

  /** Reaps every expired lease now; returns how many. */
  public int reapAll() {
    int total = 0;
    List<JobChange> reaped;
    do {
      reaped = store.reapExpiredLeases(batch);
      total += reaped.size();
    } while (reaped.size() == BATCH);
    if (total > 0) {
      log.info("reaper: recovered jobs with expired leases count={}", total);
    }
    return total;
  }
}
