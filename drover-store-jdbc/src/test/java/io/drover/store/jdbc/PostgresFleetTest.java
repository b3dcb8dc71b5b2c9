package io.drover.store.jdbc;

import io.drover.tck.fleet.FleetContract;
import io.drover.tck.fleet.FleetStoreFactory;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Three worker JVMs on one PostgreSQL schema: exactly once, shared work, SIGKILL survived. */
class PostgresFleetTest extends FleetContract {
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
