package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresUrlTest {

  @Test
  void libpqForm_becomesAJdbcUrlWithCredentialsApart() {
    PostgresUrl url =
        PostgresUrl.parse("postgres://app:s3cret@db.internal:6543/jobs?sslmode=require");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/jobs?sslmode=require");
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isEqualTo("s3cret");
    assertThat(url.describe()).isEqualTo("db.internal:6543/jobs");
  }

  @Test
  void postgresqlScheme_isTheSame() {
    PostgresUrl url = PostgresUrl.parse("postgresql://app@db/jobs");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/jobs");
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isNull();
    assertThat(url.describe()).isEqualTo("db:5432/jobs");
  }

  @Test
  void credentials_arePercentDecoded_andAPlusStaysAPlus() {
    PostgresUrl url = PostgresUrl.parse("postgres://us%40er:p%2Fa+ss%3A%C3%A9@h/d");

    assertThat(url.user()).isEqualTo("us@er");
    assertThat(url.password()).isEqualTo("p/a+ss:é");
  }

  @Test
  void anUnencodedAtInThePassword_isTolerated() {
    PostgresUrl url = PostgresUrl.parse("postgres://app:p@ss@db:5432/jobs");

    assertThat(url.password()).isEqualTo("p@ss");
    assertThat(url.describe()).isEqualTo("db:5432/jobs");
  }

  @Test
  void noHost_meansLocalhost() {
    assertThat(PostgresUrl.parse("postgres:///jobs").describe()).isEqualTo("localhost:5432/jobs");
  }

  @Test
  void severalHosts_andIpv6_keepTheirPorts() {
    PostgresUrl url = PostgresUrl.parse("postgres://a:1,b,[::1]:7/jobs?target_session_attrs=any");

    assertThat(url.jdbcUrl())
        .isEqualTo("jdbc:postgresql://a:1,b,[::1]:7/jobs?target_session_attrs=any");
    assertThat(url.describe()).isEqualTo("a:1,b:5432,[::1]:7/jobs");
  }

  @Test
  void jdbcForm_movesUserAndPasswordOutOfTheQuery() {
    PostgresUrl url =
        PostgresUrl.parse("jdbc:postgresql://127.0.0.1:5432/test?user=me&password=pw%26x&ssl=true");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?ssl=true");
    assertThat(url.user()).isEqualTo("me");
    assertThat(url.password()).isEqualTo("pw&x");
    assertThat(url.describe()).isEqualTo("127.0.0.1:5432/test");
  }

  @Test
  void passwordInTheQueryOfTheLibpqForm_isMovedOutToo() {
    PostgresUrl url = PostgresUrl.parse("postgres://db/jobs?password=hidden&sslmode=disable");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/jobs?sslmode=disable");
    assertThat(url.password()).isEqualTo("hidden");
  }

  @Test
  void textForms_neverShowThePassword() {
    PostgresUrl url = PostgresUrl.parse("postgres://app:topsecret@db/jobs?password=alsosecret");

    assertThat(url.toString()).doesNotContain("secret");
    assertThat(url.describe()).doesNotContain("secret");
    assertThat(url.jdbcUrl()).doesNotContain("secret");
  }

  @Test
  void otherSchemes_areRefusedNamingTheFormsThatWork_withoutQuotingTheUrl() {
    assertThatThrownBy(() -> PostgresUrl.parse("mysql://root:topsecret@db/jobs"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postgres://, postgresql:// or jdbc:postgresql://")
        .hasMessageContaining("'mysql:'")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> PostgresUrl.parse(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was empty");
  }
}
