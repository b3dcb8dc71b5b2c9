package io.drover.tck.fleet;

import io.drover.Drover;
import io.drover.Handler;
import io.drover.Outcome;
import io.drover.runtime.WorkerConfig;
import io.drover.store.JobStore;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Properties;

/**
 * A worker process of the fleet test: opens the store through the named factory, runs {@code
 * fleet.run} jobs and writes each run's job id as a line to its runs file before acknowledging, so
 * the test can count every handler run, including those of a process it kills.
 */
public final class FleetWorkerMain {
  static final String KIND = "fleet.run";

  /** A second kind, run alike, for limits that govern one kind only. */
  static final String OTHER_KIND = "fleet.other";

  private FleetWorkerMain() {}

  public static void main(String[] args) throws Exception {
    Properties properties = System.getProperties();
    FleetStoreFactory factory =
        (FleetStoreFactory)
            Class.forName(properties.getProperty("drover.fleet.factory"))
                .getDeclaredConstructor()
                .newInstance();
    Writer runs =
        Files.newBufferedWriter(
            Path.of(properties.getProperty("drover.fleet.runs")),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
    long workMillis = Long.parseLong(properties.getProperty("drover.fleet.workMillis", "0"));
    Duration lease =
        Duration.ofMillis(Long.parseLong(properties.getProperty("drover.fleet.leaseMillis")));
    JobStore store = factory.open(properties);
    Handler run =
        ctx -> {
          if (workMillis > 0) {
            Thread.sleep(workMillis);
          }
          record(runs, ctx.job().id().toString());
          return Outcome.complete();
        };
    Drover drover =
        Drover.builder()
            .store(store)
            .handler(KIND, run)
            .handler(OTHER_KIND, run)
            .worker(
                WorkerConfig.builder()
                    .workerId(properties.getProperty("drover.fleet.workerId"))
                    .queues(properties.getProperty("drover.fleet.queue"))
                    .concurrency(
                        Integer.parseInt(properties.getProperty("drover.fleet.concurrency")))
                    .lease(lease)
                    .heartbeatInterval(lease.dividedBy(4))
                    .pollInterval(Duration.ofMillis(100))
                    .build())
            .build();
    Runtime.getRuntime().addShutdownHook(new Thread(drover::close));
    drover.start();
    Thread.currentThread().join();
  }

  private static void record(Writer runs, String jobId) throws IOException {
    // One flushed line per run: a SIGKILL loses nothing the OS already has.
    synchronized (runs) {
      runs.write(jobId);
      runs.write('\n');
      runs.flush();
    }
  }
}
