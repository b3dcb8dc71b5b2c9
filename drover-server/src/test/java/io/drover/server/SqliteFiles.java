package io.drover.server;

import io.drover.Job;
import io.drover.server.store.StoreChoice;
import io.drover.store.JobPage;
import io.drover.store.JobQuery;
import io.drover.store.JobStore;
import io.drover.store.jdbc.SqliteJobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** What an integration test reads after a server process is gone: its database and its log. */
final class SqliteFiles {
  private SqliteFiles() {}

  /** Every job in the data directory's database, read with the store the server uses. */
  static List<Job> allJobs(Path dataDir) {
    try (JobStore store =
        SqliteJobStore.open(dataDir.resolve(StoreChoice.SQLITE_FILE), InstantSource.system())) {
      List<Job> jobs = new ArrayList<>();
      JobQuery query = JobQuery.all().withLimit(JobQuery.MAX_LIMIT);
      JobPage page;
      do {
        page = store.list(query);
        jobs.addAll(page.jobs());
        query = query.withCursor(page.nextCursor());
      } while (page.nextCursor() != null);
      return jobs;
    }
  }

  /** A log file under target/, kept after the test so a failure can be read. */
  static Path logFile(String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "it-logs"));
    return dir.resolve(name + "-" + System.currentTimeMillis() + ".log");
  }
}
