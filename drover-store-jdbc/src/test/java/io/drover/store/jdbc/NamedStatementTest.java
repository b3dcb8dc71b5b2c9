package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamedStatementTest {

  @Test
  void parse_replacesEachNameWithAPositionAndRemembersRepeats() {
    NamedStatement statement =
        NamedStatement.parse("s", "UPDATE t SET a = :now, b = :b_2 WHERE c < :now");

    assertThat(statement.jdbcSql()).isEqualTo("UPDATE t SET a = ?, b = ? WHERE c < ?");
    assertThat(statement.positions().get("now")).containsExactly(1, 3);
    assertThat(statement.positions().get("b_2")).containsExactly(2);
    assertThat(statement.parameterCount()).isEqualTo(3);
  }

  @Test
  void parse_leavesQuotedTextAndCastsAlone() {
    NamedStatement statement =
        NamedStatement.parse("s", "SELECT ':not' || 'it''s', :id::text FROM t WHERE x = 'a:b'");

    assertThat(statement.jdbcSql())
        .isEqualTo("SELECT ':not' || 'it''s', ?::text FROM t WHERE x = 'a:b'");
    assertThat(statement.positions()).containsOnlyKeys("id");
  }

  @Test
  void parse_rejectsPositionalParameters() {
    assertThatThrownBy(() -> NamedStatement.parse("s", "SELECT * FROM t WHERE id = ?"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("statement 's' uses '?'");
  }

  @Test
  void parse_rejectsAnUnclosedQuote() {
    assertThatThrownBy(() -> NamedStatement.parse("s", "SELECT 'oops FROM t"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unclosed quote");
  }
}
