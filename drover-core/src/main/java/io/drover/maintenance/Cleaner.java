package io.drover.maintenance;

import io.drover.store.CleanupRequest;
import io.drover.store.JobStore;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes finished jobs past their retention, in bounded batches (DESIGN §2). */
public final class Cleaner {
  /** Default: how often to clean. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

  private static final Logger log = LoggerFactory.getLogger(Cleaner.class);

  private final JobStore store;
  private final CleanupRequest retention;
  private final PeriodicTask task;

  public Cleaner(JobStore store, CleanupRequest retention, Duration interval) {
    this.store = store;
    this.retention = retention;
    this.task = new PeriodicTask("cleaner", interval, this::cleanAll);
  }

  public void start() {
    task.start();
  }

  public void stop() {
    task.stop();
  }

  /** Deletes everything past retention now; returns how many jobs. */
  public int cleanAll() {
    int total = 0;
    int deleted;
    do {
      deleted = store.cleanup(retention);
      total += deleted;
    } while (deleted == retention.batchSize());
    if (total > 0) {
      log.info("cleaner: deleted jobs past retention count={}", total);
    }
    return total;
  }
}
