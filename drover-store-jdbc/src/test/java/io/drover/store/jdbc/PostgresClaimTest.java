package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.store.ClaimRequest;
import io.drover.store.JobStore;
import io.drover.store.QueuePattern;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What is particular to claiming on PostgreSQL: LIKE patterns and the plan of the claim. */
class PostgresClaimTest {
  @RegisterExtension static final MigratedSchema MIGRATED = new MigratedSchema();
  private static final String SCHEMA = MIGRATED.name();

  @BeforeEach
  void empty() throws Exception {
    PostgresTestDatabase.truncate(SCHEMA);
  }

  @Test
  void claim_underscoreInAPattern_matchesOnlyAnUnderscore() {
    try (JobStore store = PostgresJobStore.open(PostgresTestDatabase.config(SCHEMA).build())) {
      store.enqueue(
          List.of(
              JobSpec.builder("eu_sync", "send").build(),
              JobSpec.builder("euxsync", "send").build()));

      List<Job> claimed =
          store.claim(
              new ClaimRequest("w", List.of(QueuePattern.of("eu_*")), 10, Duration.ofMinutes(1)));

      assertThat(claimed).extracting(Job::queue).containsExactly("eu_sync");
    }
  }

  /**
   * With many finished jobs and a backlog, the claim must walk jobs_claimable per queue and stop,
   * never scan or sort the table: that is what keeps claims fast as completed jobs pile up.
   */
  @Test
  void claim_walksThePartialIndexPerQueue_withoutScanningOrSortingTheTable() throws Exception {
    PostgresTestDatabase.execute(
        "INSERT INTO "
            + SCHEMA
            + ".queues VALUES ('a', 0), ('b', 0);"
            + "INSERT INTO "
            + SCHEMA
            + ".jobs (id, queue, kind, payload, priority, state, attempt, max_attempts,"
            + " backoff_base_ms, backoff_max_ms, timeout_ms, run_at, tags, depends_on, errors,"
            + " lease_token, created_at, finished_at)"
            + " SELECT lpad(to_hex(n), 32, '0'), CASE WHEN n % 2 = 0 THEN 'a' ELSE 'b' END, 'k',"
            + " '{}', 5, CASE WHEN n % 10 = 0 THEN 'waiting' ELSE 'completed' END, 1, 3,"
            + " 1000, 60000, 30000, n, '[]', '[]', '[]', 1, n,"
            + " CASE WHEN n % 10 = 0 THEN NULL ELSE n END"
            + " FROM generate_series(1, 50000) AS n;"
            + "ANALYZE "
            + SCHEMA
            + ".jobs");

    String plan = explainClaim();

    assertThat(plan).contains("Index Scan using jobs_claimable on jobs j");
    assertThat(plan).doesNotContain("Seq Scan on jobs").doesNotContain("Bitmap Heap Scan on jobs");
    assertThat(plan).as("the only sort is of the few rows each queue gave").contains("Sort");
  }

  /** The claim's plan, as PostgreSQL would run it for any parameters (a generic plan). */
  private static String explainClaim() throws Exception {
    NamedStatement claim = PostgresDialect.INSTANCE.statements().get("claim");
    try (Connection connection = PostgresTestDatabase.connect()) {
      try (Statement setup = connection.createStatement()) {
        setup.execute("SET search_path TO " + SCHEMA);
        setup.execute("SET plan_cache_mode TO force_generic_plan");
      }
      try (BoundStatement explain =
          new BoundStatement(claim, connection.prepareStatement("EXPLAIN " + claim.jdbcSql()))) {
        explain
            .set("now", Long.MAX_VALUE)
            .set("limit", 10)
            .set("limits_version", 0L)
            .set("patterns", connection.createArrayOf("text", new Object[] {"%"}))
            .set("worker_id", "w")
            .set("lease_expires_at", 1L)
            .set("token_floor", 1L)
            .set("token_step", 1L);
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = explain.executeQuery()) {
          while (rows.next()) {
            plan.append(rows.getString(1)).append('\n');
          }
        }
        return plan.toString();
      }
    }
  }
}
