package io.drover.tck.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One worker JVM of the fleet: started on this JVM's class path, killed or stopped on demand. */
final class FleetProcess implements AutoCloseable {
  private final String workerId;
  private final Path runs;
  private final Path log;
  private final Process process;

  private FleetProcess(String workerId, Path runs, Path log, Process process) {
    this.workerId = workerId;
    this.runs = runs;
    this.log = log;
    this.process = process;
  }

  static FleetProcess start(String workerId, Path dir, Map<String, String> properties)
      throws IOException {
    Path runs = dir.resolve(workerId + ".runs");
    Files.createFile(runs);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-Ddrover.fleet.workerId=" + workerId);
    command.add("-Ddrover.fleet.runs=" + runs);
    command.add(FleetWorkerMain.class.getName());
    Path log = dir.resolve(workerId + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new FleetProcess(workerId, runs, log, process);
  }

  String workerId() {
    return workerId;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no release, leases left to expire. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * SIGSTOP: the process freezes as a long GC pause or a suspended VM would, holding its leases.
   */
  void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT: the frozen process runs on, its clocks and leases now behind. */
  void thaw() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** What the process logged so far. */
  String log() throws IOException {
    return Files.readString(log);
  }

  /** The job ids this process ran, one per handler run, in order. */
  List<String> runs() throws IOException {
    return Files.readAllLines(runs);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
