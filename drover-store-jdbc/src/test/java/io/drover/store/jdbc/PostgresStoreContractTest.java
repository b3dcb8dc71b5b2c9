package io.drover.store.jdbc;

import io.drover.store.JobStore;
import io.drover.tck.JobStoreContract;
import io.drover.time.SettableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract against a real PostgreSQL. One schema serves the class, migrated once and
 * emptied before each test, which keeps the suite fast without letting tests see each other's rows.
 */
class PostgresStoreContractTest extends JobStoreContract {
  private static final String SCHEMA = PostgresTestDatabase.newSchemaName();

  @BeforeAll
  static void createSchema() {
    PostgresTestDatabase.require();
    PostgresTestDatabase.migrate(SCHEMA);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    PostgresTestDatabase.drop(SCHEMA);
  }

  @Override
  protected JobStore newStore(SettableClock clock) throws Exception {
    PostgresTestDatabase.truncate(SCHEMA);
    return PostgresJobStore.open(PostgresTestDatabase.config(SCHEMA).clock(clock).build());
  }
}
