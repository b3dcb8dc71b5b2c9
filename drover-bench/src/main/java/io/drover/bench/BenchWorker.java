package io.drover.bench;

import io.drover.store.JobStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One worker process of a multi-process bench: the body of the hidden {@code bench-worker} command.
 * It runs an {@link InProcessFleet} on the store it is given and talks {@link WorkerProtocol} with
 * the bench that started it.
 */
public final class BenchWorker {
  /** The options the command must take, with these names, as {@link WorkerLauncher} passes them. */
  public static final String QUEUE_OPTION = "--queue";

  public static final String CONCURRENCY_OPTION = "--concurrency";
  public static final String CAPACITY_OPTION = "--capacity";

  /** Exit status when the bench went away before saying go. */
  public static final int EXIT_ABANDONED = 3;

  private static final long PROGRESS_EVERY_MILLIS = 100;

  private BenchWorker() {}

  /**
   * Drains {@code queue} between the parent's go and stop, then reports.
   *
   * @param capacity the jobs the queue will hold, numbered from 0
   * @param commands the parent's commands (this process's stdin)
   * @param out this process's stdout
   * @return the exit status
   */
  public static int run(
      JobStore store,
      String queue,
      int concurrency,
      int capacity,
      BufferedReader commands,
      PrintStream out)
      throws IOException {
    try (HeapPeak heap = HeapPeak.start();
        InProcessFleet fleet = new InProcessFleet(store, queue, concurrency, capacity)) {
      out.println(WorkerProtocol.PREFIX + WorkerProtocol.READY);
      if (!WorkerProtocol.GO.equals(commands.readLine())) {
        return EXIT_ABANDONED;
      }
      fleet.start();
      ScheduledExecutorService ticker =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().daemon().name("bench-worker-progress").factory());
      ticker.scheduleAtFixedRate(
          () -> out.println(progressLine(fleet.completed())),
          PROGRESS_EVERY_MILLIS,
          PROGRESS_EVERY_MILLIS,
          TimeUnit.MILLISECONDS);
      try {
        String line;
        do {
          line = commands.readLine();
        } while (line != null && !WorkerProtocol.STOP.equals(line));
      } finally {
        ticker.shutdownNow();
      }
      FleetResult result = fleet.stop();
      printWaits(result.waits(), out);
      WorkerReport report =
          new WorkerReport(
              result.runs(),
              result.duplicated(),
              result.firstClaimAt(),
              result.lastCompletionAt(),
              result.claimCalls(),
              result.completeCalls(),
              heap.bytes(),
              ResidentMemory.peakBytes());
      out.println(WorkerProtocol.PREFIX + WorkerProtocol.REPORT + " " + report.toLine());
      out.println(WorkerProtocol.PREFIX + WorkerProtocol.DONE);
      return 0;
    }
  }

  private static String progressLine(long completed) {
    return WorkerProtocol.PREFIX + WorkerProtocol.PROGRESS + " " + completed;
  }

  /** Only the jobs this process ran, as seq:wait pairs, a bounded number per line. */
  private static void printWaits(long[] waits, PrintStream out) {
    StringBuilder line = new StringBuilder();
    int pairs = 0;
    for (int seq = 0; seq < waits.length; seq++) {
      if (waits[seq] != RunLog.NOT_RUN) {
        line.append(' ').append(seq).append(':').append(waits[seq]);
        if (++pairs % WorkerProtocol.WAITS_PER_LINE == 0) {
          out.println(WorkerProtocol.PREFIX + WorkerProtocol.WAITS + line);
          line.setLength(0);
        }
      }
    }
    if (!line.isEmpty()) {
      out.println(WorkerProtocol.PREFIX + WorkerProtocol.WAITS + line);
    }
  }
}
