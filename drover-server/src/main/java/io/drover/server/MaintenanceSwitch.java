package io.drover.server;

import picocli.CommandLine.Option;

/** {@code --no-maintenance}, for every role that would otherwise reap leases and clean up. */
final class MaintenanceSwitch {
  @Option(
      names = "--no-maintenance",
      description =
          "Leaves reaping expired leases and cleaning up old jobs to other processes (any number"
              + " may do it at once).")
  private boolean off;

  boolean enabled() {
    return !off;
  }
}
