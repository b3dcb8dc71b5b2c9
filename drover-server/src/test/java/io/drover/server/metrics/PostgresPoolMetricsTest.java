package io.drover.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.server.ApiClient;
import io.drover.server.DroverServer;
import io.drover.server.ServerOptions;
import io.drover.server.TestPostgres;
import io.drover.server.config.ConfigLoader;
import io.drover.server.config.ServerConfig;
import io.drover.server.store.StoreChoice;
import io.drover.server.store.StoreFactory;
import io.drover.store.JobStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A server on PostgreSQL, opened as {@code drover server} opens it, shows its connection pool. */
class PostgresPoolMetricsTest {
  private final String schema = TestPostgres.newSchema();
  private boolean reached;

  @BeforeEach
  void requireDatabase() {
    TestPostgres.require();
    reached = true;
  }

  @AfterEach
  void dropSchema() throws SQLException {
    if (reached) {
      TestPostgres.dropSchema(schema);
    }
  }

  @Test
  void metrics_showTheStoresConnectionPool() {
    ServerConfig config =
        ConfigLoader.load(
            Map.of(),
            Map.of(
                "DATABASE_URL",
                TestPostgres.URL,
                "DROVER_SCHEMA",
                schema,
                "DROVER_POOL_SIZE",
                "3",
                "DROVER_PORT",
                "0"));
    InstantSource clock = InstantSource.system();
    PrometheusMeterRegistry registry = Metrics.newRegistry();
    JobStore store = StoreFactory.open(StoreChoice.of(config), clock, registry);

    try (DroverServer server =
        DroverServer.start(
            config, ServerOptions.defaults().withWorkers(false), store, clock, registry)) {
      String metrics = new ApiClient(server.port()).get("/metrics").raw().body();

      String pool = "pool=\"drover-" + schema + "\"";
      assertThat(metrics)
          .contains(
              "hikaricp_connections{" + pool + "}",
              "hikaricp_connections_max{" + pool + "} 3.0",
              "hikaricp_connections_active{" + pool + "}",
              "hikaricp_connections_pending{" + pool + "}");
    }
  }
}
