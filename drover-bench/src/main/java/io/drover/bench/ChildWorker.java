package io.drover.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The parent's side of one worker process: starts it, sends commands, reads its lines. */
final class ChildWorker {
  private final int index;
  private final Process process;
  private final Writer commands;
  private final PrintStream diagnostics;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicLong completed = new AtomicLong();
  private final Map<Integer, Long> waits = new HashMap<>(); // guarded by this
  private volatile WorkerReport report;

  private ChildWorker(int index, Process process, PrintStream diagnostics) {
    this.index = index;
    this.process = process;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.diagnostics = diagnostics;
    Thread.ofPlatform().daemon().name("bench-child-" + index).start(this::readLines);
  }

  /** Starts worker process {@code index}; its stderr goes straight to this process's. */
  static ChildWorker launch(
      int index, List<String> command, Map<String, String> environment, PrintStream diagnostics) {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(environment);
    try {
      return new ChildWorker(index, builder.start(), diagnostics);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start worker process: " + command.get(0), e);
    }
  }

  /**
   * Waits until the child is ready.
   *
   * @throws IllegalStateException when it exited or did not get ready in time
   */
  void awaitReady(Duration timeout) throws InterruptedException {
    if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || !process.isAlive()) {
      throw new IllegalStateException(
          "worker process "
              + index
              + (process.isAlive()
                  ? " was not ready after " + timeout.toSeconds() + " s"
                  : " exited with status " + process.waitFor() + " before it was ready")
              + "; its output is above");
    }
  }

  void send(String command) {
    try {
      commands.write(command + "\n");
      commands.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("worker process " + index + " stopped listening", e);
    }
  }

  long completed() {
    return completed.get();
  }

  /**
   * Waits for the child's report and its exit.
   *
   * @throws IllegalStateException when it exited without reporting or took longer than {@code
   *     timeout}
   */
  WorkerReport awaitReport(Duration timeout) throws InterruptedException {
    boolean done = finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!done || report == null) {
      throw new IllegalStateException(
          "worker process " + index + " did not report within " + timeout.toSeconds() + " s");
    }
    process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return report;
  }

  /** By sequence number, the waits of the jobs this child ran. */
  synchronized Map<Integer, Long> waits() {
    return Map.copyOf(waits);
  }

  /** Ends the process if it still runs. */
  void destroy() {
    process.destroy();
  }

  private void readLines() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith(WorkerProtocol.PREFIX)) {
          accept(line.substring(WorkerProtocol.PREFIX.length()));
        } else {
          diagnostics.println("[worker " + index + "] " + line);
        }
      }
    } catch (IOException | RuntimeException e) {
      diagnostics.println("[worker " + index + "] unreadable output: " + e);
    } finally {
      // A child that died must not leave the parent waiting for lines that never come.
      ready.countDown();
      finished.countDown();
    }
  }

  private void accept(String message) {
    int space = message.indexOf(' ');
    String kind = space < 0 ? message : message.substring(0, space);
    String rest = space < 0 ? "" : message.substring(space + 1);
    switch (kind) {
      case WorkerProtocol.READY -> ready.countDown();
      case WorkerProtocol.PROGRESS -> completed.set(Long.parseLong(rest));
      case WorkerProtocol.WAITS -> addWaits(rest);
      case WorkerProtocol.REPORT -> report = WorkerReport.parse(rest);
      case WorkerProtocol.DONE -> finished.countDown();
      default -> diagnostics.println("[worker " + index + "] unknown message: " + message);
    }
  }

  private synchronized void addWaits(String pairs) {
    for (String pair : pairs.split(" ")) {
      int colon = pair.indexOf(':');
      waits.put(
          Integer.parseInt(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1)));
    }
  }
}
