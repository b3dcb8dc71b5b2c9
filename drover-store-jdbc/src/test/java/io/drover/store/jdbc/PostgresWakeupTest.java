package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.JobSpec;
import io.drover.store.JobStore;
import io.drover.store.Subscription;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Wake-ups travel between processes by NOTIFY and survive the listening connection dying. */
class PostgresWakeupTest {
  @RegisterExtension static final MigratedSchema MIGRATED = new MigratedSchema();
  private static final String SCHEMA = MIGRATED.name();
  private static final Duration BOUND = Duration.ofSeconds(10);

  private static JobStore open() {
    return PostgresJobStore.open(PostgresTestDatabase.config(SCHEMA).build());
  }

  @Test
  void enqueueThroughOneStore_wakesListenersOfAnother() {
    Queue<String> heard = new ConcurrentLinkedQueue<>();
    try (JobStore listening = open();
        JobStore producing = open();
        Subscription subscription = listening.subscribe(heard::add)) {
      producing.enqueue(List.of(JobSpec.builder("mail", "send").build()));

      await().atMost(BOUND).untilAsserted(() -> assertThat(heard).contains("mail"));
    }
  }

  @Test
  void listenerWhoseBackendIsTerminated_reconnects_andHearsLaterEnqueues() throws Exception {
    Queue<String> heard = new ConcurrentLinkedQueue<>();
    try (JobStore store = open();
        Subscription subscription = store.subscribe(heard::add)) {
      store.enqueue(List.of(JobSpec.builder("before", "send").build()));
      await().atMost(BOUND).untilAsserted(() -> assertThat(heard).contains("before"));

      assertThat(terminateListener()).as("listener backends terminated").isEqualTo(1);

      // Each try enqueues again: a notification sent before the new LISTEN is lost, by design.
      await()
          .atMost(BOUND)
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                store.enqueue(List.of(JobSpec.builder("after", "send").build()));
                assertThat(heard).contains("after");
              });
    }
  }

  /** Ends this schema's listening backends as an operator or a failover would. */
  private static int terminateListener() throws Exception {
    try (Connection connection = PostgresTestDatabase.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = 'drover-listener:"
                    + SCHEMA
                    + "'")) {
      int terminated = 0;
      while (rows.next()) {
        terminated += rows.getBoolean(1) ? 1 : 0;
      }
      return terminated;
    }
  }
}
