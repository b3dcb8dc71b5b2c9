package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.store.ClaimRequest;
import io.drover.store.Completion;
import io.drover.store.JobStore;
import io.drover.store.QueuePattern;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where autovacuum is off, the store vacuums its jobs table once dead rows pass the threshold: it
 * looks when it opens and every minute after, so a store opened on a table that jobs ran through
 * vacuums it at once.
 */
class PostgresVacuumTest {
  @RegisterExtension static final MigratedSchema MIGRATED = new MigratedSchema();

  @Test
  void withAutovacuumOff_deadRowsOfRunJobs_areVacuumedByTheNextStoreOpened() throws Exception {
    assumeTrue(
        !query("SELECT current_setting('autovacuum') = 'on'"),
        "autovacuum is on here: PostgreSQL vacuums, the store does not");
    try (JobStore store = open()) {
      List<JobSpec> specs = new ArrayList<>();
      for (int i = 0; i < 8_000; i++) {
        specs.add(JobSpec.builder("mail", "send").build());
      }
      store.enqueue(specs);
      ClaimRequest claim =
          new ClaimRequest("w-1", List.of(QueuePattern.of("mail")), 1_000, Duration.ofMinutes(1));
      for (List<Job> claimed = store.claim(claim);
          !claimed.isEmpty();
          claimed = store.claim(claim)) {
        store.complete(claimed.stream().map(job -> new Completion(job.lease(), null)).toList());
      }
    }
    assertThat(query(vacuumedSql())).as("vacuumed before the next store opened").isFalse();

    try (JobStore next = open()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> query(vacuumedSql()));
    }
  }

  private static JobStore open() {
    return PostgresJobStore.open(PostgresTestDatabase.config(MIGRATED.name()).build());
  }

  private static String vacuumedSql() {
    return "SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables"
        + " WHERE schemaname = '"
        + MIGRATED.name()
        + "' AND relname = 'jobs'";
  }

  private static boolean query(String sql) throws Exception {
    try (Connection connection = PostgresTestDatabase.connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      assertThat(row.next()).as("a row from %s", sql).isTrue();
      return row.getBoolean(1);
    }
  }
}
