package io.drover.tck;

import io.drover.store.JobStore;
import io.drover.store.memory.MemoryJobStore;
import io.drover.time.SettableClock;

class MemoryStoreContractTest extends JobStoreContract {
  @Override
  protected JobStore newStore(SettableClock clock) {
    return new MemoryJobStore(clock);
  }
}
