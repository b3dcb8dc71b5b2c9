package io.drover.store.jdbc;

import io.drover.store.JobStore;
import io.drover.tck.JobStoreContract;
import io.drover.time.SettableClock;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The store contract against a fresh SQLite file per test. */
class SqliteStoreContractTest extends JobStoreContract {
  @TempDir static Path dir;

  private static final AtomicInteger FILES = new AtomicInteger();

  @Override
  protected JobStore newStore(SettableClock clock) {
    return SqliteJobStore.open(dir.resolve("drover-" + FILES.incrementAndGet() + ".db"), clock);
  }
}
