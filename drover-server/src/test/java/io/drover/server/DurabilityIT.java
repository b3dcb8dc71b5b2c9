package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.Job;
import io.drover.JobState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on SQLite killed with SIGKILL mid-way through 1,000 jobs and started again loses none,
 * and runs a job twice only if it was in flight at the kill (issue 2, "What it must show").
 */
class DurabilityIT {
  private static final int JOBS = 1000;
  private static final int CONCURRENCY = 10;
  private static final int BATCH = 100;

  /** Short leases and backoff so the jobs the kill left active come back within seconds. */
  private static final Map<String, String> ENV =
      Map.of(
          "WORKER_CONCURRENCY", String.valueOf(CONCURRENCY),
          "WORKER_LEASE_SECONDS", "3",
          "RETRY_BACKOFF_MS", "100",
          "WORKER_BACKOFF_MAX_DELAY", "500");

  @TempDir Path dataDir;

  @Test
  void sigkillMidWay_losesNoJob_andRerunsOnlyThoseInFlight() throws Exception {
    Path log = SqliteFiles.logFile("durability");
    Set<UUID> enqueued = new HashSet<>();
    try (ServerProcess first = ServerProcess.start(dataDir, log, ENV)) {
      for (int batch = 0; batch < JOBS / BATCH; batch++) {
        enqueued.addAll(enqueueSleepJobs(first.api(), BATCH));
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> first.api().count("completed") >= JOBS / 5);
      first.kill();
    }

    List<Job> atKill = SqliteFiles.allJobs(dataDir);
    Set<UUID> inFlight = idsIn(atKill, JobState.ACTIVE);
    assertThat(atKill).extracting(Job::id).containsExactlyInAnyOrderElementsOf(enqueued);
    assertThat(idsIn(atKill, JobState.COMPLETED)).as("killed mid-way").hasSizeLessThan(JOBS);
    assertThat(inFlight).hasSizeLessThanOrEqualTo(CONCURRENCY);

    try (ServerProcess second = ServerProcess.start(dataDir, log, ENV)) {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> second.api().count("completed") == JOBS);
      second.terminate(Duration.ofSeconds(60));
    }

    List<Job> after = SqliteFiles.allJobs(dataDir);
    assertThat(after).hasSize(JOBS).allMatch(job -> job.state() == JobState.COMPLETED);
    List<Job> rerun = after.stream().filter(job -> job.attempt() > 1).toList();
    assertThat(rerun).extracting(Job::id).containsExactlyInAnyOrderElementsOf(inFlight);
    assertThat(rerun)
        .allSatisfy(
            job ->
                assertThat(job.errors())
                    .anySatisfy(
                        error ->
                            assertThat(error.message()).containsIgnoringCase("lease expired")));
  }

  private static Set<UUID> enqueueSleepJobs(ApiClient api, int count) {
    String body =
        "["
            + String.join(
                ",", Collections.nCopies(count, "{\"kind\":\"sleep\",\"payload\":{\"ms\":20}}"))
            + "]";
    ApiClient.Response response = api.postJson("/api/v1/jobs", body);
    assertThat(response.status()).isEqualTo(201);
    Set<UUID> ids = new HashSet<>();
    for (JsonNode job : response.body().get("jobs")) {
      ids.add(UUID.fromString(job.get("id").asText()));
    }
    return ids;
  }

  private static Set<UUID> idsIn(List<Job> jobs, JobState state) {
    return jobs.stream()
        .filter(job -> job.state() == state)
        .map(Job::id)
        .collect(Collectors.toSet());
  }
}
