package io.drover.maintenance;

import io.drover.store.JobStore;
import io.drover.store.WorkerInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes workers from the registry that stopped sending heartbeats long ago: a process killed
 * without {@code stop()} otherwise stays listed, stale, forever. Safe on every node at once:
 * removing a worker twice is harmless.
 */
public final class WorkerPruner {
  /** Default: how often to look for silent workers. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  /**
   * Heartbeat intervals of silence before a worker is removed. Far beyond the three after which
   * health calls it stale, so operators see a dead worker as stale first; and since the store
   * ignores heartbeats of workers it does not know, a live pool removed during a long store outage
   * or GC pause would stay out of the registry until it restarts.
   */
  public static final int SILENT_BEATS = 10;

  /**
   * Never less than this, whatever the heartbeat interval: a short one (tests, a one-second lease)
   * would otherwise remove live workers over a store failover of a few seconds.
   */
  public static final Duration MIN_SILENCE = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(WorkerPruner.class);

  private final JobStore store;
  private final InstantSource clock;
  private final Duration silence;
  private final PeriodicTask task;

  /**
   * @param heartbeatInterval this process's; other processes on the store are assumed to beat as
   *     often, as the health check assumes too
   */
  public WorkerPruner(
      JobStore store, InstantSource clock, Duration heartbeatInterval, Duration interval) {
    this.store = store;
    this.clock = clock;
    this.silence = silenceAllowed(heartbeatInterval);
    this.task = new PeriodicTask("worker-pruner", interval, this::pruneAll);
  }

  /** How long a worker may be silent before it is removed: {@value #SILENT_BEATS} beats or more. */
  public static Duration silenceAllowed(Duration heartbeatInterval) {
    Duration beats = heartbeatInterval.multipliedBy(SILENT_BEATS);
    return beats.compareTo(MIN_SILENCE) < 0 ? MIN_SILENCE : beats;
  }

  public void start() {
    task.start();
  }

  public void stop() {
    task.stop();
  }

  /** Removes every worker silent for longer than allowed now; returns their ids. */
  public List<String> pruneAll() {
    Instant cutoff = clock.instant().minus(silence);
    List<String> removed = new ArrayList<>();
    for (WorkerInfo worker : store.workers()) {
      if (worker.lastHeartbeat().isBefore(cutoff)) {
        store.removeWorker(worker.id());
        removed.add(worker.id());
      }
    }
    if (!removed.isEmpty()) {
      log.atInfo()
          .setMessage("worker-pruner: removed silent workers")
          .addKeyValue("count", removed.size())
          .addKeyValue("worker_ids", removed)
          .addKeyValue("silent_for_ms", silence.toMillis())
          .log();
    }
    return removed;
  }
}
