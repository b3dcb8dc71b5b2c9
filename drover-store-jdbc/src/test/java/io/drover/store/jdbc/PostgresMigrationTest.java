package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.JobSpec;
import io.drover.StoreFailureException;
import io.drover.store.JobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Migrations: applied once, even when several processes start on a fresh schema together. */
class PostgresMigrationTest {
  private static final int STARTERS = 4;

  private final List<String> schemas = new ArrayList<>();

  @BeforeAll
  static void requireDatabase() {
    PostgresTestDatabase.require();
  }

  @AfterEach
  void dropSchemas() throws Exception {
    for (String schema : schemas) {
      PostgresTestDatabase.drop(schema);
    }
  }

  private String freshSchema() {
    String schema = PostgresTestDatabase.newSchemaName();
    schemas.add(schema);
    return schema;
  }

  @Test
  void storesOpeningTogetherOnAFreshSchema_migrateItOnce() throws Exception {
    // A few rounds, as a race that loses once in a while would slip through a single one.
    for (int round = 0; round < 3; round++) {
      String schema = freshSchema();
      CyclicBarrier together = new CyclicBarrier(STARTERS);
      ExecutorService starters = Executors.newFixedThreadPool(STARTERS);
      try {
        List<Future<JobStore>> opened = new ArrayList<>();
        for (int i = 0; i < STARTERS; i++) {
          opened.add(
              starters.submit(
                  () -> {
                    together.await();
                    return PostgresJobStore.open(PostgresTestDatabase.config(schema).build());
                  }));
        }
        for (Future<JobStore> future : opened) {
          try (JobStore store = future.get(60, TimeUnit.SECONDS)) {
            assertThat(store.enqueue(List.of(JobSpec.builder("mail", "send").build())))
                .singleElement()
                .matches(answer -> answer.created());
          }
        }
      } finally {
        starters.shutdownNow();
      }
      List<String> applied = appliedVersions(schema);
      assertThat(applied).as("history of %s", schema).isNotEmpty().doesNotHaveDuplicates();
      assertThat(applied.get(applied.size() - 1)).isEqualTo(latestVersion());
    }
  }

  @Test
  void migrate_byHand_reportsTheVersion_andIsIdempotent() throws Exception {
    String schema = freshSchema();
    PostgresConfig config = PostgresTestDatabase.config(schema).build();

    String version = PostgresJobStore.migrate(config);

    assertThat(version).isEqualTo(latestVersion());
    assertThat(PostgresJobStore.migrate(config)).isEqualTo(version);
    assertThat(appliedVersions(schema)).doesNotHaveDuplicates().endsWith(version);
  }

  @Test
  void open_withMigrationsOff_onASchemaBehind_refusesNamingTheCommand() throws Exception {
    String schema = freshSchema();
    PostgresConfig config = PostgresTestDatabase.config(schema).migrate(false).build();

    assertThatThrownBy(() -> PostgresJobStore.open(config))
        .isInstanceOf(StoreFailureException.class)
        .hasMessageContaining("schema=" + schema)
        .hasMessageContaining("at version none and this build needs " + latestVersion())
        .hasMessageContaining("drover migrate");
  }

  @Test
  void open_withMigrationsOff_onACurrentSchema_opens() {
    String schema = freshSchema();
    PostgresJobStore.migrate(PostgresTestDatabase.config(schema).build());

    try (JobStore store =
        PostgresJobStore.open(PostgresTestDatabase.config(schema).migrate(false).build())) {
      assertThat(store.stats()).isEmpty();
    }
  }

  /** The newest migration's version, from the file names in the build's migration directory. */
  private static String latestVersion() throws Exception {
    String location = PostgresDialect.INSTANCE.migrationsLocation().replace("classpath:", "");
    Path directory = Path.of(Migrations.class.getClassLoader().getResource(location).toURI());
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(file -> file.getFileName().toString())
          .map(name -> name.substring(1, name.indexOf("__")))
          .max(Comparator.comparingInt(Integer::parseInt))
          .orElseThrow();
    }
  }

  private static List<String> appliedVersions(String schema) throws Exception {
    List<String> versions = new ArrayList<>();
    try (Connection connection = PostgresTestDatabase.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version FROM "
                    + schema
                    + "."
                    + Migrations.HISTORY_TABLE
                    + " WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
    }
    return versions;
  }
}
