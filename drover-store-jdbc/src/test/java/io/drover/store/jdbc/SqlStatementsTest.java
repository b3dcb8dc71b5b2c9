package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {

  @Test
  void forDialect_loadsSharedAndDialectStatements() {
    SqlStatements sqlite = SqlStatements.forDialect("sqlite");

    assertThat(sqlite.get("insert_job").jdbcSql()).startsWith("INSERT INTO jobs");
    assertThat(sqlite.get("claim").positions())
        .containsOnlyKeys(
            "worker_id",
            "lease_expires_at",
            "now",
            "patterns",
            "limit",
            "limits_version",
            "token_floor",
            "token_step");
  }

  @Test
  void get_unknownName_fails() {
    assertThatThrownBy(() -> SqlStatements.forDialect("sqlite").get("nope"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no SQL statement named 'nope'");
  }

  @Test
  void load_sameNameInTwoFiles_fails() {
    assertThatThrownBy(() -> SqlStatements.load(SqlStatements.COMMON, SqlStatements.COMMON))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("defined twice");
  }
}
