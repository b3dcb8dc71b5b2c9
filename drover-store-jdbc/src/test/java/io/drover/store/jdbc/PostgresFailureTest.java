package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.drover.JobSpec;
import io.drover.StoreFailureException;
import io.drover.StoreUnavailableException;
import io.drover.store.ClaimRequest;
import io.drover.store.JobStore;
import io.drover.store.QueuePattern;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Driver and pool failures leave the store as {@link StoreUnavailableException} (unreachable) or
 * {@link StoreFailureException} (refused), naming what.
 */
class PostgresFailureTest {
  @RegisterExtension static final MigratedSchema MIGRATED = new MigratedSchema();
  private static final String SCHEMA = MIGRATED.name();

  @Test
  void open_whereNothingListens_isUnavailable_namingTheDatabaseButNotThePassword() {
    PostgresConfig config =
        PostgresConfig.builder("postgres://app:topsecret@127.0.0.1:1/jobs")
            .connectionTimeout(Duration.ofMillis(250))
            .build();

    assertThatThrownBy(() -> PostgresJobStore.open(config))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("cannot open postgres store 127.0.0.1:1/jobs schema=drover")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void failingStatement_isAStoreFailureNamingTheOperation_andRollsBack() throws Exception {
    String schema = PostgresTestDatabase.newSchemaName();
    PostgresTestDatabase.migrate(schema);
    try (JobStore store = PostgresJobStore.open(PostgresTestDatabase.config(schema).build())) {
      store.enqueue(List.of(JobSpec.builder("mail", "send").build()));
      PostgresTestDatabase.execute("DROP TABLE " + schema + ".queues");

      assertThatThrownBy(() -> store.claim(claim("mail")))
          .isInstanceOf(StoreFailureException.class)
          .hasMessageContaining("postgres store")
          .hasMessageContaining("schema=" + schema)
          .hasMessageContaining("claim failed")
          .hasMessageContaining("does not exist")
          .hasCauseInstanceOf(SQLException.class);
      assertThat(store.workers()).as("the pool still works after the rollback").isEmpty();
    } finally {
      PostgresTestDatabase.drop(schema);
    }
  }

  @Test
  void closedStore_isUnavailable() {
    JobStore store = PostgresJobStore.open(PostgresTestDatabase.config(SCHEMA).build());
    store.close();
    store.close();

    assertThatThrownBy(() -> store.claim(claim("mail")))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("is closed (claim)");
  }

  @Test
  void exhaustedPool_failsAfterTheTimeout_withThePoolsState() throws Exception {
    PostgresConfig config =
        PostgresTestDatabase.config(SCHEMA)
            .poolSize(1)
            .connectionTimeout(Duration.ofMillis(250))
            .build();
    HikariDataSource pool = PostgresConnections.pool(config, config.poolSize());
    try (PostgresTransactor transactor =
        new PostgresTransactor(pool, "postgres store test", () -> {})) {
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Object> holder =
          CompletableFuture.supplyAsync(
              () ->
                  transactor.write(
                      "hold",
                      connection -> {
                        holding.countDown();
                        return awaitQuietly(release);
                      }));
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
      try {
        assertThatThrownBy(() -> transactor.read("stats", connection -> null))
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("postgres store test: stats failed: no connection within 250 ms")
            .hasMessageContaining("active=1, idle=0")
            .hasMessageContaining("size=1");
      } finally {
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
      }
    }
  }

  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static ClaimRequest claim(String queue) {
    return new ClaimRequest("w", List.of(QueuePattern.of(queue)), 1, Duration.ofMinutes(1));
  }
}
