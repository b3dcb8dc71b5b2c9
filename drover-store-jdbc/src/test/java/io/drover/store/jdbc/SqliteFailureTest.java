package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.JobSpec;
import io.drover.StoreFailureException;
import io.drover.StoreUnavailableException;
import io.drover.store.ClaimRequest;
import io.drover.store.JobStore;
import io.drover.store.QueuePattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Driver failures leave the store as {@link StoreUnavailableException} or {@link
 * StoreFailureException}, naming what failed.
 */
class SqliteFailureTest {
  @TempDir Path dir;

  @Test
  void failingStatement_isAStoreFailureNamingTheOperation_andRollsBack() throws SQLException {
    Path file = dir.resolve("drover.db");
    try (JobStore store = SqliteJobStore.open(file)) {
      store.enqueue(List.of(JobSpec.builder("mail", "send").build()));
      execute(file, "DROP TABLE queues");

      assertThatThrownBy(() -> store.claim(claim("mail")))
          .isInstanceOf(StoreFailureException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("claim failed")
          .hasMessageContaining("no such table")
          .hasCauseInstanceOf(SQLException.class);
      assertThat(store.workers()).as("the connection still works after the rollback").isEmpty();
    }
  }

  @Test
  void corruptRow_isAStoreFailure() throws SQLException {
    Path file = dir.resolve("drover.db");
    try (JobStore store = SqliteJobStore.open(file)) {
      UUID id = store.enqueue(List.of(JobSpec.builder("mail", "send").build())).get(0).id();
      execute(file, "UPDATE jobs SET errors = 'not json' WHERE id = '" + id + "'");

      assertThatThrownBy(() -> store.get(id))
          .isInstanceOf(StoreFailureException.class)
          .hasMessageContaining("a stored JSON list is corrupt");
    }
  }

  @Test
  void closedStore_isUnavailable() {
    JobStore store = SqliteJobStore.open(dir.resolve("drover.db"));
    store.close();
    store.close();

    assertThatThrownBy(() -> store.claim(claim("mail")))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("is closed (claim)");
  }

  @Test
  void open_whereNoDirectoryCanBeMade_isAStoreFailure_notWorthWaitingFor() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");

    assertThatThrownBy(() -> SqliteJobStore.open(notADirectory.resolve("drover.db")))
        .isInstanceOf(StoreFailureException.class)
        .hasMessageContaining("cannot open sqlite store");
  }

  private static ClaimRequest claim(String queue) {
    return new ClaimRequest("w1", List.of(QueuePattern.of(queue)), 10, Duration.ofSeconds(30));
  }

  private static void execute(Path file, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
