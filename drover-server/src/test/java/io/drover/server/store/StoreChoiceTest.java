package io.drover.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.server.config.ConfigException;
import io.drover.server.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreChoiceTest {

  @Test
  void nothingSet_choosesTheEmbeddedSqliteFile() {
    StoreChoice choice = choose(Map.of());

    assertThat(choice.kind()).isEqualTo(StoreKind.SQLITE);
    assertThat(choice.sqliteFile()).isEqualTo(Path.of("./drover-data/drover.db"));
    assertThat(choice.describe()).isEqualTo("sqlite (./drover-data/drover.db)");
  }

  @Test
  void urls_chooseTheirStore_andANamedStoreWins() {
    assertThat(choose(Map.of("DATABASE_URL", "postgres://db/jobs")).kind())
        .isEqualTo(StoreKind.POSTGRES);
    assertThat(choose(Map.of("REDIS_URL", "redis://cache")).kind()).isEqualTo(StoreKind.REDIS);
    assertThat(choose(Map.of("DATABASE_URL", "postgres://db", "DROVER_STORE", "memory")).kind())
        .isEqualTo(StoreKind.MEMORY);
  }

  @Test
  void redis_isDescribedByPlaceAndDatabase_neverByPassword() {
    StoreChoice choice = choose(Map.of("REDIS_URL", "redis://app:topsecret@cache:6380/3"));

    assertThat(choice.describe()).isEqualTo("redis (cache:6380/3)").doesNotContain("topsecret");
  }

  @Test
  void postgres_isDescribedByPlaceAndSchema_neverByPassword() {
    StoreChoice choice =
        choose(
            Map.of(
                "DATABASE_URL", "postgres://app:topsecret@db:6543/jobs?sslmode=require",
                "DROVER_SCHEMA", "jobs_eu",
                "DROVER_POOL_SIZE", "4",
                "DROVER_MIGRATE", "false"));

    assertThat(choice.describe()).isEqualTo("postgres (db:6543/jobs schema=jobs_eu)");
    assertThat(choice.postgres().poolSize()).isEqualTo(4);
    assertThat(choice.postgres().migrate()).isFalse();
    assertThat(choice.postgres().url().password()).isEqualTo("topsecret");
  }

  @Test
  void postgresWithoutAUrl_isRefusedSayingWhichVariableToSet() {
    assertThatThrownBy(() -> choose(Map.of("DROVER_STORE", "postgres")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("databaseUrl must be set for the postgres store")
        .hasMessageContaining("DATABASE_URL");
  }

  @Test
  void aUrlThatIsNotPostgres_isRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> choose(Map.of("DATABASE_URL", "mysql://root:topsecret@db/jobs")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("postgres://, postgresql:// or jdbc:postgresql://")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void redis_takesTheStoreTimeouts_andTheDefaultPrefix() {
    StoreChoice choice =
        choose(
            Map.of(
                "REDIS_URL", "redis://cache",
                "DROVER_REDIS_TIMEOUT_MS", "750",
                "DROVER_CONNECT_TIMEOUT_MS", "2s"));

    assertThat(choice.redis().commandTimeout()).isEqualTo(Duration.ofMillis(750));
    assertThat(choice.redis().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(choice.redis().keyPrefix()).isEqualTo("drover");
  }

  @Test
  void redisWithoutAUrl_isRefusedSayingWhichVariableToSet() {
    assertThatThrownBy(() -> choose(Map.of("DROVER_STORE", "redis")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("redisUrl must be set for the redis store")
        .hasMessageContaining("REDIS_URL");
  }

  @Test
  void aUrlThatIsNotRedis_isRefusedNamingTheSetting_withoutQuotingIt() {
    assertThatThrownBy(
            () -> choose(Map.of("DROVER_STORE", "redis", "REDIS_URL", "http://app:topsecret@c")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("redisUrl must start with redis://, or rediss:// for TLS")
        .hasMessageContaining("(was 'http:')")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void aRedisDatabaseOutOfRange_isRefusedNamingIt() {
    assertThatThrownBy(() -> choose(Map.of("REDIS_URL", "redis://:topsecret@cache/-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "redisUrl must have a database number from 0 to 2147483647 after the host (was '-1')");
  }

  private static StoreChoice choose(Map<String, String> env) {
    return StoreChoice.of(ConfigLoader.load(Map.of(), env));
  }
}
