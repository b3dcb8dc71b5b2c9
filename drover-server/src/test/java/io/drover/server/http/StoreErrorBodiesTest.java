package io.drover.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.StoreFailureException;
import io.drover.StoreUnavailableException;
import io.drover.server.ApiClient;
import io.drover.server.DroverServer;
import io.drover.server.ServerOptions;
import io.drover.server.config.ConfigLoader;
import io.drover.store.ForwardingJobStore;
import io.drover.store.JobPage;
import io.drover.store.JobQuery;
import io.drover.store.memory.MemoryJobStore;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API says what kind of store trouble it met, and nothing of where the store is: hosts, ports,
 * database names and pool state stay in the server's log.
 */
class StoreErrorBodiesTest {
  private static final String WHERE = "db.internal:5432/app schema=drover";

  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private DroverServer server;
  private ApiClient api;

  @BeforeEach
  void start() {
    InstantSource clock = InstantSource.system();
    server =
        DroverServer.start(
            ConfigLoader.load(Map.of(), Map.of("DROVER_STORE", "memory", "DROVER_PORT", "0")),
            ServerOptions.defaults().withWorkers(false).withMaintenance(false).withScheduler(false),
            new FailingStore(new MemoryJobStore(clock)),
            clock);
    api = new ApiClient(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void unavailableStore_is503_sayingOnlyStoreUnavailable() {
    failure.set(
        new StoreUnavailableException(
            "postgres store "
                + WHERE
                + ": list failed: no connection within 2000 ms (active=10, idle=0, waiting=3,"
                + " size=10): Connection to db.internal:5432 refused",
            null));

    ApiClient.Response response = api.get("/api/v1/jobs");

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.body().get("detail").asText())
        .isEqualTo("store unavailable; try again later");
    assertThat(response.raw().body())
        .doesNotContain("db.internal")
        .doesNotContain("5432")
        .doesNotContain("active=");
  }

  @Test
  void failingStore_is500_sayingOnlyStoreFailure() {
    failure.set(
        new StoreFailureException(
            "postgres store "
                + WHERE
                + ": get failed: ERROR: duplicate key value violates unique constraint",
            null));

    ApiClient.Response response = api.get("/api/v1/jobs/" + UUID.randomUUID());

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.body().get("detail").asText())
        .isEqualTo("store failure; see the server's log");
    assertThat(response.raw().body()).doesNotContain("db.internal").doesNotContain("duplicate");
  }

  @Test
  void health_withTheStoreDown_is503_withoutItsAddress() {
    failure.set(
        new StoreUnavailableException("redis store: get failed on redis://10.0.0.7:6379/0", null));

    ApiClient.Response ready = api.get("/health/ready");
    ApiClient.Response report = api.get("/health/comprehensive?verbose=true");

    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.body().get("status").asText()).isEqualTo("down");
    assertThat(report.body().at("/checks/store/message").asText())
        .isEqualTo("memory does not answer");
    assertThat(ready.raw().body() + report.raw().body())
        .doesNotContain("10.0.0.7")
        .doesNotContain("6379");
  }

  @Test
  void nulInAListFilter_is400_namingTheParameter_beforeTheStoreSeesIt() {
    failure.set(new IllegalStateException("the store must not be asked"));

    ApiClient.Response response = api.get("/api/v1/jobs?tag=%00");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("field").asText()).isEqualTo("tag");
    assertThat(response.body().get("detail").asText()).contains("must not contain a NUL character");
  }

  /** A memory store whose reads throw what the test sets. */
  private final class FailingStore extends ForwardingJobStore {
    FailingStore(MemoryJobStore store) {
      super(store);
    }

    @Override
    public Optional<io.drover.Job> get(UUID id) {
      throwIfSet();
      return super.get(id);
    }

    @Override
    public JobPage list(JobQuery query) {
      throwIfSet();
      return super.list(query);
    }

    private void throwIfSet() {
      RuntimeException e = failure.get();
      if (e != null) {
        throw e;
      }
    }
  }
}
