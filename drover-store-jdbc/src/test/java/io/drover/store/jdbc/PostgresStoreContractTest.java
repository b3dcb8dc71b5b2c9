package io.drover.store.jdbc;

import io.drover.store.JobStore;
import io.drover.tck.JobStoreContract;
import io.drover.time.SettableClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract against a real PostgreSQL. One schema serves the class, migrated once and
 * emptied before each test, which keeps the suite fast without letting tests see each other's rows.
 */
class PostgresStoreContractTest extends JobStoreContract {
  @RegisterExtension static final MigratedSchema MIGRATED = new MigratedSchema();
  private static final String SCHEMA = MIGRATED.name();

  @Override
  protected JobStore newStore(SettableClock clock) throws Exception {
    PostgresTestDatabase.truncate(SCHEMA);
    return PostgresJobStore.open(PostgresTestDatabase.config(SCHEMA).clock(clock).build());
  }

  @Override
  protected JobStore newPeer(JobStore store, SettableClock clock) {
    return PostgresJobStore.open(PostgresTestDatabase.config(SCHEMA).clock(clock).build());
  }
}
