package io.drover.store.jdbc;

import io.drover.store.JobStore;
import io.drover.tck.fleet.FleetStoreFactory;
import java.util.Properties;

/** Opens the fleet's store in each worker process: the test database, the test's schema. */
public final class PostgresFleetStores implements FleetStoreFactory {
  static final String URL = "drover.test.url";
  static final String SCHEMA = "drover.test.schema";

  @Override
  public JobStore open(Properties properties) {
    return PostgresJobStore.open(
        PostgresConfig.builder(properties.getProperty(URL))
            .schema(properties.getProperty(SCHEMA))
            .poolSize(5)
            .build());
  }
}
