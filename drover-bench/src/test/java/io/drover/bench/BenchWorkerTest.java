package io.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.store.memory.MemoryJobStore;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The child side of a multi-process bench, driven as its parent would drive it. */
class BenchWorkerTest {
  private static final String QUEUE = "bench.worker-test";
  private static final int JOBS = 100;

  @Test
  void worker_drainsBetweenGoAndStop_thenReportsWhatItRan() throws Exception {
    MemoryJobStore store = new MemoryJobStore();
    store.enqueue(new BenchJobs(QUEUE, 64).next(JOBS));
    PipedWriter commands = new PipedWriter();
    BufferedReader input = new BufferedReader(new PipedReader(commands));
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> exit =
          executor.submit(() -> BenchWorker.run(store, QUEUE, 10, JOBS, input, out));

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> printed(output).contains("bench-worker ready"));
      assertThat(store.stats().get(0).total()).isEqualTo(JOBS);
      send(commands, "go");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> printed(output).contains("bench-worker progress " + JOBS));
      send(commands, "stop");

      assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    } finally {
      executor.shutdownNow();
    }
    List<String> lines =
        printed(output).lines().filter(l -> l.startsWith("bench-worker ")).toList();
    assertThat(lines.getLast()).isEqualTo("bench-worker done");
    String reportLine = lines.get(lines.size() - 2);
    assertThat(reportLine).startsWith("bench-worker report ");
    WorkerReport report = WorkerReport.parse(reportLine.substring("bench-worker report ".length()));
    assertThat(report.runs()).isEqualTo(JOBS);
    assertThat(report.duplicated()).isZero();
    assertThat(report.lastCompletionAt()).isGreaterThanOrEqualTo(report.firstClaimAt());
    long waits =
        lines.stream()
            .filter(l -> l.startsWith("bench-worker waits "))
            .mapToLong(l -> l.split(" ").length - 2)
            .sum();
    assertThat(waits).isEqualTo(JOBS);
  }

  private static String printed(ByteArrayOutputStream output) {
    return output.toString(StandardCharsets.UTF_8);
  }

  private static void send(PipedWriter commands, String command) throws Exception {
    commands.write(command + "\n");
    commands.flush();
  }
}
