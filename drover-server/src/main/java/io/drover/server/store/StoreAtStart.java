package io.drover.server.store;

import io.drover.StoreUnavailableException;
import io.drover.runtime.OutageLog;
import io.drover.store.JobStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * Opens the store for a process that starts before its database is up (containers started together,
 * a database restarting): while the store is unavailable, it waits and tries again, from 500 ms
 * doubling to {@link #MAX_RETRY}, logging once when the wait begins and once when the store
 * answers. A store that answers with a refusal (a wrong password, a schema behind) is not waited
 * for: that error ends the start.
 */
final class StoreAtStart {
  /** The longest wait between two tries. */
  static final Duration MAX_RETRY = Duration.ofSeconds(10);

  private StoreAtStart() {}

  /**
   * @param opener opens the store, throwing {@link StoreUnavailableException} while it cannot
   * @param waiting runs once, before the first wait: e.g. answering health checks meanwhile
   * @throws InterruptedException when the process is told to stop while waiting
   */
  static JobStore open(Supplier<JobStore> opener, InstantSource clock, Runnable waiting)
      throws InterruptedException {
    OutageLog outages = new OutageLog("start", clock, OutageLog.DEFAULT_FIRST_RETRY, MAX_RETRY);
    boolean waited = false;
    while (true) {
      try {
        JobStore store = opener.get();
        outages.succeeded();
        return store;
      } catch (StoreUnavailableException e) {
        Duration wait = outages.failed(e);
        if (!waited) {
          waiting.run();
          waited = true;
        }
        Thread.sleep(wait);
      }
    }
  }
}
