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
  private final Process process;

  private FleetProcess(String workerId, Path runs, Process process) {
    this.workerId = workerId;
    this.runs = runs;
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
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(workerId + ".log").toFile())
            .start();
    return new FleetProcess(workerId, runs, process);
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
