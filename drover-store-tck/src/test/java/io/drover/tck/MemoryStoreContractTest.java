package io.drover.tck;

import io.drover.store.ForwardingJobStore;
import io.drover.store.JobStore;
import io.drover.store.memory.MemoryJobStore;
import io.drover.time.SettableClock;

class MemoryStoreContractTest extends JobStoreContract {
  @Override
  protected JobStore newStore(SettableClock clock) {
    return new MemoryJobStore(clock);
  }

  /** The memory store lives in one process: its peers are other threads on the same instance. */
  @Override
  protected JobStore newPeer(JobStore store, SettableClock clock) {
    return new ForwardingJobStore(store) {
      @Override
      public void close() {
        // The suite closes the store itself.
      }
    };
  }
}
