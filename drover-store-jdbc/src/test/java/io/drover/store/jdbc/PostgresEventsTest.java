package io.drover.store.jdbc;

import io.drover.store.JobStore;
import io.drover.tck.SharedStoreEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Job events travel between processes by NOTIFY, on a channel of their own. */
class PostgresEventsTest {
  @RegisterExtension static final MigratedSchema MIGRATED = new MigratedSchema();

  private static JobStore open() {
    return PostgresJobStore.open(PostgresTestDatabase.config(MIGRATED.name()).build());
  }

  @Test
  void aJobRunThroughOneStore_isHeardByAnotherStoresSubscriber() {
    try (JobStore watching = open();
        JobStore working = open()) {
      SharedStoreEvents.assertAJobRunElsewhereIsHeard(watching, working);
    }
  }

  @Test
  void publishersNoticeWhetherAnyProcessListens() {
    try (JobStore watching = open();
        JobStore working = open()) {
      SharedStoreEvents.assertListenersAreNoticed(watching, working);
    }
  }
}
