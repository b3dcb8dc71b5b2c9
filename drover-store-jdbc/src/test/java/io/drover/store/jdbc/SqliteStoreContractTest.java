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

  private Path file;

  @Override
  protected JobStore newStore(SettableClock clock) {
    file = dir.resolve("drover-" + FILES.incrementAndGet() + ".db");
    return SqliteJobStore.open(file, clock);
  }

  /** A second process on the same file: SQLite's file locks keep the two apart. */
  @Override
  protected JobStore newPeer(JobStore store, SettableClock clock) {
    return SqliteJobStore.open(file, clock);
  }
}
