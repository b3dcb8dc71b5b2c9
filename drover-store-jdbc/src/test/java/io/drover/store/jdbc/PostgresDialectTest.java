package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.store.QueuePattern;
import org.junit.jupiter.api.Test;

class PostgresDialectTest {

  @Test
  void likePattern_turnsStarsIntoPercent() {
    assertThat(like("scrape.*")).isEqualTo("scrape.%");
    assertThat(like("*")).isEqualTo("%");
    assertThat(like("a*b*")).isEqualTo("a%b%");
  }

  @Test
  void likePattern_escapesUnderscore_soItMatchesOnlyItself() {
    assertThat(like("woo_sync")).isEqualTo("woo\\_sync");
    assertThat(like("eu_*")).isEqualTo("eu\\_%");
  }

  @Test
  void statements_loadWithTheSharedOnes() {
    SqlStatements statements = PostgresDialect.INSTANCE.statements();

    assertThat(statements.get("insert_job").jdbcSql()).startsWith("INSERT INTO jobs");
    assertThat(statements.get("claim").positions())
        .containsOnlyKeys(
            "worker_id",
            "lease_expires_at",
            "now",
            "patterns",
            "limit",
            "limits_version",
            "token_floor",
            "token_step");
    assertThat(statements.get("notify").positions()).containsOnlyKeys("channel", "payloads");
  }

  private static String like(String glob) {
    return PostgresDialect.likePattern(QueuePattern.of(glob));
  }
}
