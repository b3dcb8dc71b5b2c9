package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.drover.JobSpec;
import io.drover.StoreFailureException;
import io.drover.StoreUnavailableException;
import io.drover.store.JobStore;
import io.drover.tck.StallingProxy;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every PostgreSQL call has a deadline, and what fails says whether waiting helps: unreachable and
 * too slow are {@link StoreUnavailableException}, refused by the database is {@link
 * StoreFailureException}.
 */
class PostgresDeadlineTest {
  @RegisterExtension static final MigratedSchema MIGRATED = new MigratedSchema();
  private static final String SCHEMA = MIGRATED.name();
  private static final Duration MARGIN = Duration.ofSeconds(3);

  @Test
  void open_onABlackHole_failsAsUnavailable_withinTheConnectTimeout() throws Exception {
    try (StallingProxy blackHole = StallingProxy.blackHole()) {
      PostgresConfig config =
          PostgresConfig.builder("postgres://postgres@127.0.0.1:" + blackHole.port() + "/test")
              .connectTimeout(Duration.ofSeconds(1))
              .statementTimeout(Duration.ofMillis(500))
              .socketTimeout(Duration.ofSeconds(1))
              .build();
      long started = System.nanoTime();

      assertThatThrownBy(() -> PostgresJobStore.open(config))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("cannot open postgres store 127.0.0.1:" + blackHole.port());
      assertThat(elapsedSince(started)).isLessThan(Duration.ofSeconds(1).plus(MARGIN));
    }
  }

  @Test
  void call_onAConnectionThatStopsAnswering_failsAsUnavailable_withinTheSocketTimeout()
      throws Exception {
    PostgresUrl target = PostgresUrl.parse(PostgresTestDatabase.URL);
    String[] place = target.describe().split("[:/]"); // host:port/db
    try (StallingProxy proxy = new StallingProxy(place[0], Integer.parseInt(place[1]))) {
      String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + place[2];
      JobStore store =
          PostgresJobStore.open(
              PostgresConfig.builder(url + userAndPassword(target))
                  .schema(SCHEMA)
                  .statementTimeout(Duration.ofMillis(500))
                  .socketTimeout(Duration.ofSeconds(1))
                  .build());
      try {
        UUID id = store.enqueue(List.of(JobSpec.builder("mail", "send").build())).get(0).id();
        assertThat(store.get(id)).isPresent();
        proxy.stall();
        long started = System.nanoTime();

        assertThatThrownBy(() -> store.get(id))
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("get failed");
        assertThat(elapsedSince(started)).isLessThan(Duration.ofSeconds(1).plus(MARGIN));
      } finally {
        proxy.close();
        store.close();
      }
    }
  }

  @Test
  void slowStatement_isCancelledByTheStatementTimeout_asUnavailable() {
    PostgresConfig config =
        PostgresTestDatabase.config(SCHEMA).statementTimeout(Duration.ofMillis(200)).build();
    HikariDataSource pool = PostgresConnections.pool(config, 1);
    try (PostgresTransactor transactor =
        new PostgresTransactor(pool, "postgres store t", () -> {})) {
      long started = System.nanoTime();

      assertThatThrownBy(() -> transactor.read("sleep", c -> execute(c, "SELECT pg_sleep(5)")))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("postgres store t: sleep failed")
          .hasMessageContaining("statement timeout");
      assertThat(elapsedSince(started)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void constraintViolation_isAStoreFailure() {
    HikariDataSource pool =
        PostgresConnections.pool(PostgresTestDatabase.config(SCHEMA).build(), 1);
    try (PostgresTransactor transactor =
        new PostgresTransactor(pool, "postgres store t", () -> {})) {
      assertThatThrownBy(
              () ->
                  transactor.write(
                      "insert",
                      c -> {
                        execute(c, "CREATE TEMP TABLE once (id INT PRIMARY KEY)");
                        return execute(c, "INSERT INTO once VALUES (1), (1)");
                      }))
          .isInstanceOf(StoreFailureException.class)
          .hasMessageContaining("postgres store t: insert failed")
          .hasMessageContaining("duplicate key");
    }
  }

  @Test
  void corruptRow_isAStoreFailure() throws Exception {
    try (JobStore store = PostgresJobStore.open(PostgresTestDatabase.config(SCHEMA).build())) {
      UUID id = store.enqueue(List.of(JobSpec.builder("mail", "send").build())).get(0).id();
      PostgresTestDatabase.execute(
          "UPDATE "
              + SCHEMA
              + ".jobs SET errors = '{\"not\": \"a list\"}' WHERE id = '"
              + id
              + "'");

      assertThatThrownBy(() -> store.get(id))
          .isInstanceOf(StoreFailureException.class)
          .hasMessageContaining("a stored JSON list holds no array");
    }
  }

  private static Void execute(java.sql.Connection connection, String sql)
      throws java.sql.SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
    return null;
  }

  private static String userAndPassword(PostgresUrl url) {
    return "?user="
        + (url.user() == null ? "postgres" : url.user())
        + (url.password() == null ? "" : "&password=" + url.password());
  }

  private static Duration elapsedSince(long nanoTime) {
    return Duration.ofNanos(System.nanoTime() - nanoTime);
  }
}
