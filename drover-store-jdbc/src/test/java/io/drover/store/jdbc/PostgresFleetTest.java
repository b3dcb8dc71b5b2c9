package io.drover.store.jdbc;

import io.drover.tck.fleet.FleetContract;
import io.drover.tck.fleet.FleetStoreFactory;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three worker JVMs on one PostgreSQL schema: exactly once, shared work, SIGKILL survived. */
class PostgresFleetTest extends FleetContract {
  @RegisterExtension static final MigratedSchema MIGRATED = new MigratedSchema();
  private static final String SCHEMA = MIGRATED.name();

  @Override
  protected Class<? extends FleetStoreFactory> storeFactory() {
    return PostgresFleetStores.class;
  }

  @Override
  protected Map<String, String> storeProperties() {
    return Map.of(
        PostgresFleetStores.URL, PostgresTestDatabase.URL, PostgresFleetStores.SCHEMA, SCHEMA);
  }

  @Override
  protected void requireServer() {
    PostgresTestDatabase.require();
  }
}
