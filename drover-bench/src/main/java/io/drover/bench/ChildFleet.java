package io.drover.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Worker processes: child JVMs running {@code bench-worker} on the same store. Started together and
 * told to go together once all are ready, so JVM start-up is not part of the drain.
 */
final class ChildFleet implements Fleet {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);

  private final WorkerLauncher launcher;
  private final int processes;
  private final List<String> command;
  private final int capacity;
  private final PrintStream diagnostics;
  private final List<ChildWorker> children = new ArrayList<>();

  /**
   * @param capacity the jobs the queue will hold, numbered from 0
   * @param diagnostics where the children's other output (logs, errors) goes
   */
  ChildFleet(
      WorkerLauncher launcher,
      int processes,
      String queue,
      int concurrency,
      int capacity,
      PrintStream diagnostics) {
    this.launcher = launcher;
    this.processes = processes;
    this.command = launcher.commandFor(queue, concurrency, capacity);
    this.capacity = capacity;
    this.diagnostics = diagnostics;
  }

  @Override
  public void start() {
    for (int i = 1; i <= processes; i++) {
      children.add(ChildWorker.launch(i, command, launcher.environment(), diagnostics));
    }
    try {
      for (ChildWorker child : children) {
        child.awaitReady(START_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while worker processes started", e);
    }
    children.forEach(child -> child.send(WorkerProtocol.GO));
  }

  @Override
  public long completed() {
    return children.stream().mapToLong(ChildWorker::completed).sum();
  }

  @Override
  public FleetResult stop() {
    children.forEach(child -> child.send(WorkerProtocol.STOP));
    List<WorkerReport> reports = new ArrayList<>();
    try {
      for (ChildWorker child : children) {
        reports.add(child.awaitReport(STOP_TIMEOUT));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while worker processes reported", e);
    }
    long[] waits = new long[capacity];
    Arrays.fill(waits, RunLog.NOT_RUN);
    children.forEach(child -> child.waits().forEach((seq, wait) -> waits[seq] = wait));
    return new FleetResult(
        reports.stream().mapToLong(WorkerReport::runs).sum(),
        reports.stream().mapToLong(WorkerReport::duplicated).sum(),
        earliest(reports.stream().map(WorkerReport::firstClaimAt)),
        reports.stream()
            .mapToLong(WorkerReport::lastCompletionAt)
            .max()
            .orElse(MeasuredStore.NEVER),
        reports.stream().mapToLong(WorkerReport::claimCalls).sum(),
        reports.stream().mapToLong(WorkerReport::completeCalls).sum(),
        waits,
        List.copyOf(reports));
  }

  @Override
  public void close() {
    children.forEach(ChildWorker::destroy);
  }

  /** The earliest time that was seen at all. */
  private static long earliest(Stream<Long> times) {
    return times
        .mapToLong(Long::longValue)
        .filter(t -> t != MeasuredStore.NEVER)
        .min()
        .orElse(MeasuredStore.NEVER);
  }
}
