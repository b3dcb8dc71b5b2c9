package io.drover.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to start one more worker process on the same store: the command that runs {@code
 * bench-worker} (a JVM on the same jar), and the environment it adds. Connection URLs travel in the
 * environment, not on the command line where {@code ps} shows them.
 */
public record WorkerLauncher(List<String> command, Map<String, String> environment) {
  public WorkerLauncher {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }

  /** The command for a worker on {@code queue}, with the options {@link BenchWorker} takes. */
  List<String> commandFor(String queue, int concurrency, int capacity) {
    List<String> full = new ArrayList<>(command);
    full.addAll(
        List.of(
            BenchWorker.QUEUE_OPTION,
            queue,
            BenchWorker.CONCURRENCY_OPTION,
            Integer.toString(concurrency),
            BenchWorker.CAPACITY_OPTION,
            Integer.toString(capacity)));
    return full;
  }
}
