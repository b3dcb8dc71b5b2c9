package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.Job;
import io.drover.JobState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while jobs run: those that finish within the shutdown grace complete, the rest go back to
 * {@code waiting} without using an attempt (DESIGN §2, issue 2).
 */
class GracefulShutdownIT {
  private static final int EACH = 4;
  private static final int SHORT_MS = 2000;
  private static final int LONG_MS = 300_000;

  /** Longer than the short jobs, far shorter than the long ones. */
  private static final String GRACE_MS = "4000";

  @TempDir Path dataDir;

  @Test
  void sigterm_letsShortJobsFinish_andReleasesLongOnesUncounted() throws Exception {
    Path log = SqliteFiles.logFile("graceful-shutdown");
    List<UUID> shortJobs;
    List<UUID> longJobs;
    try (ServerProcess server =
        ServerProcess.start(
            dataDir,
            log,
            Map.of("WORKER_CONCURRENCY", "10", "DROVER_SHUTDOWN_GRACE_MS", GRACE_MS))) {
      // One request, so all jobs start together and the short ones are still running at SIGTERM.
      List<UUID> ids = enqueueSleeps(server.api());
      shortJobs = ids.subList(0, EACH);
      longJobs = ids.subList(EACH, 2 * EACH);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> server.api().count("active") == 2 * EACH);

      server.terminate(Duration.ofSeconds(30));

      assertThat(server.output()).contains("stopped");
    }

    List<Job> jobs = SqliteFiles.allJobs(dataDir);
    assertThat(jobs).hasSize(2 * EACH);
    for (Job job : jobs) {
      if (shortJobs.contains(job.id())) {
        assertThat(job.state()).as("short job %s", job.id()).isEqualTo(JobState.COMPLETED);
        assertThat(job.attempt()).isEqualTo(1);
      } else {
        assertThat(longJobs).contains(job.id());
        assertThat(job.state()).as("long job %s", job.id()).isEqualTo(JobState.WAITING);
        assertThat(job.attempt()).as("attempt not counted").isZero();
        assertThat(job.errors()).isEmpty();
      }
    }
  }

  /** Enqueues the short jobs, then the long ones; returns their ids in that order. */
  private static List<UUID> enqueueSleeps(ApiClient api) {
    List<String> jobs = new ArrayList<>();
    for (int ms : new int[] {SHORT_MS, LONG_MS}) {
      for (int i = 0; i < EACH; i++) {
        jobs.add("{\"kind\":\"sleep\",\"payload\":{\"ms\":" + ms + "},\"timeout\":\"10m\"}");
      }
    }
    ApiClient.Response response = api.postJson("/api/v1/jobs", "[" + String.join(",", jobs) + "]");
    assertThat(response.status()).isEqualTo(201);
    List<UUID> ids = new ArrayList<>();
    response.body().get("jobs").forEach(job -> ids.add(UUID.fromString(job.get("id").asText())));
    return ids;
  }
}
