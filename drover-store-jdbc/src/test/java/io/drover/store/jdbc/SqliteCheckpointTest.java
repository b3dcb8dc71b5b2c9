package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.JobSpec;
import io.drover.store.JobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits never copy the write-ahead log themselves; the store's own thread does, so the database
 * file takes the pages while the store stays open.
 */
class SqliteCheckpointTest {
  @TempDir Path dir;

  @Test
  void writtenPages_reachTheDatabaseFile_whileTheStoreIsOpen() throws Exception {
    Path file = dir.resolve("drover.db");
    try (JobStore store = SqliteJobStore.open(file)) {
      long before = Files.size(file);
      List<JobSpec> specs = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        specs.add(JobSpec.builder("mail", "send").payload("{\"n\":" + i + "}").build());
      }
      store.enqueue(specs);
      long walSize = Files.size(dir.resolve("drover.db-wal"));

      assertThat(walSize).as("the enqueue went to the log").isGreaterThan(500_000);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(Files.size(file))
                      .as("database file after a checkpoint")
                      .isGreaterThan(before + walSize / 2));
    }
  }
}
