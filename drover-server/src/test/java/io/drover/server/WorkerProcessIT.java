package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two roles of the jar on one SQLite file (DESIGN §7): {@code drover server --no-workers} takes the
 * jobs, a separate {@code drover worker} runs them. SQLite's file lock and busy timeout let the two
 * processes share the file.
 */
class WorkerProcessIT {
  private static final int JOBS = 20;

  @TempDir Path dataDir;

  @Test
  void jobsEnqueuedThroughAnApiWithoutWorkers_areRunByASeparateWorkerProcess() throws Exception {
    Map<String, String> env = Map.of("WORKER_POLL_INTERVAL", "50");
    Map<String, String> workerEnv = new HashMap<>(env);
    // The worker logs JSON, with the job lines at debug, so the fields can be checked below.
    workerEnv.putAll(Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "debug"));
    Path workerLog = SqliteFiles.logFile("worker-process");
    try (ServerProcess server =
            ServerProcess.start(dataDir, SqliteFiles.logFile("api-process"), env, "--no-workers");
        ServerProcess worker =
            ServerProcess.worker(
                dataDir, workerLog, workerEnv, "--queues", "it.*", "--concurrency", "4")) {
      ApiClient api = server.api();
      Set<String> ids = enqueue(api);

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> api.count("completed") == JOBS);

      JsonNode workers = api.get("/api/v1/workers").body().get("workers");
      assertThat(workers).hasSize(1);
      String workerId = workers.get(0).get("id").asText();
      assertThat(workers.get(0).get("queues")).extracting(JsonNode::asText).containsExactly("it.*");
      for (String id : ids) {
        assertThat(api.get("/api/v1/jobs/" + id).body().get("worker_id").asText())
            .isEqualTo(workerId);
      }
      worker.terminate(Duration.ofSeconds(30));
      assertThat(worker.output()).contains("worker: stopped");
      assertThat(jobLines(worker.output(), "job: completed"))
          .hasSize(JOBS)
          .allSatisfy(
              line -> {
                assertThat(ids).contains(line.get("job_id").asText());
                assertThat(line.get("queue").asText()).isEqualTo("it.a");
                assertThat(line.get("kind").asText()).isEqualTo("sleep");
                assertThat(line.get("attempt").asInt()).isEqualTo(1);
              });
    }
  }

  private static Set<String> enqueue(ApiClient api) {
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      jobs.add("{\"queue\":\"it.a\",\"kind\":\"sleep\",\"payload\":{\"ms\":20}}");
    }
    ApiClient.Response response = api.postJson("/api/v1/jobs", "[" + String.join(",", jobs) + "]");
    assertThat(response.status()).isEqualTo(201);
    Set<String> ids = new HashSet<>();
    response.body().get("jobs").forEach(job -> ids.add(job.get("id").asText()));
    return ids;
  }

  /** The worker's JSON log lines with this message; any line that is not JSON fails the test. */
  private static List<JsonNode> jobLines(String log, String message) {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : log.lines().toList()) {
      try {
        JsonNode json = ApiClient.JSON.readTree(line);
        if (json.path("message").asText().equals(message)) {
          lines.add(json);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("not a JSON log line: " + line, e);
      }
    }
    return lines;
  }
}
