package io.drover.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.server.config.ConfigException;
import io.drover.server.config.ConfigLoader;
import java.nio.file.Path;
import java.time.InstantSource;
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
  void aStoreNotBuiltYet_isRefusedNamingTheStoresThatWork() {
    StoreChoice postgres = choose(Map.of("DATABASE_URL", "postgres://db/jobs"));

    assertThatThrownBy(() -> StoreFactory.open(postgres, InstantSource.system()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("postgres (chosen because DATABASE_URL is set)")
        .hasMessageContaining("memory and sqlite");
  }

  private static StoreChoice choose(Map<String, String> env) {
    return StoreChoice.of(ConfigLoader.load(Map.of(), env));
  }
}
