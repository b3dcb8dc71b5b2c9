package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.JobSpec;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Driver failures leave the store as {@link StoreUnavailableException}, naming what failed. */
class SqliteFailureTest {
  @TempDir Path dir;

  @Test
  void failingStatement_isUnavailableNamingTheOperation_andRollsBack() throws SQLException {
    Path file = dir.resolve("drover.db");
    try (JobStore store = SqliteJobStore.open(file)) {
      store.enqueue(List.of(JobSpec.builder("mail", "send").build()));
      execute(file, "DROP TABLE queues");

      assertThatThrownBy(() -> store.claim(claim("mail")))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("claim failed")
          .hasMessageContaining("no such table")
          .hasCauseInstanceOf(SQLException.class);
      assertThat(store.workers()).as("the connection still works after the rollback").isEmpty();
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
  void open_whereNoDirectoryCanBeMade_isUnavailable() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");

    assertThatThrownBy(() -> SqliteJobStore.open(notADirectory.resolve("drover.db")))
        .isInstanceOf(StoreUnavailableException.class)
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
