package io.drover.tck.faults;

import io.drover.tck.ExternalService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own, on a free port with its data in a temporary directory, that
 * the test may stop, crash and start again: the shared server on 5432 is never touched. Made with
 * the installed {@code initdb} and {@code pg_ctl}, run as the {@code postgres} OS user when the
 * tests run as root. Settings are PostgreSQL's defaults (fsync and synchronous commit on), so a
 * crash loses what the defaults allow it to lose, and nothing more.
 */
public final class ThrowawayPostgres implements AutoCloseable {
  private static final String USER = "postgres";
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final Path bin;
  private final Path dir;
  private final int port;

  private ThrowawayPostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /**
   * Creates and starts a new server; fails the test under CI, or skips it elsewhere, when the
   * PostgreSQL server binaries are not installed.
   */
  public static ThrowawayPostgres start() throws IOException {
    Path bin = findBin();
    Path dir =
        Files.createTempDirectory(
            "drover-pg",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    if ("root".equals(System.getProperty("user.name"))) {
      LocalProcess.run(null, COMMAND_TIMEOUT, "chown", USER, dir.toString());
    }
    Path data = dir.resolve("data");
    LocalProcess.run(
        USER,
        COMMAND_TIMEOUT,
        bin.resolve("initdb").toString(),
        "-D",
        data.toString(),
        "-U",
        USER,
        "-A",
        "trust",
        "--no-sync");
    ThrowawayPostgres server = new ThrowawayPostgres(bin, dir, LocalProcess.freePort());
    server.startAgain();
    return server;
  }

  /** The JDBC URL of its {@code postgres} database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
  }

  public int port() {
    return port;
  }

  /** Starts the server (again), waiting until it accepts connections. */
  public void startAgain() throws IOException {
    pgCtl(
        "-l",
        dir.resolve("server.log").toString(),
        "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1",
        "-w",
        "start");
  }

  /** A clean stop: connections are closed, committed work is kept ({@code pg_ctl stop -m fast}). */
  public void stop() throws IOException {
    pgCtlStop("fast");
  }

  /**
   * A crash: every server process quits at once without a checkpoint ({@code -m immediate}); the
   * next start recovers from the WAL, as after a power cut of the database host.
   */
  public void crash() throws IOException {
    pgCtlStop("immediate");
  }

  private void pgCtlStop(String mode) throws IOException {
    pgCtl("-m", mode, "-w", "stop");
  }

  /** Runs {@code pg_ctl} on this server's data directory as the {@code postgres} user. */
  private void pgCtl(String... arguments) throws IOException {
    String[] command = new String[arguments.length + 3];
    command[0] = bin.resolve("pg_ctl").toString();
    command[1] = "-D";
    command[2] = dir.resolve("data").toString();
    System.arraycopy(arguments, 0, command, 3, arguments.length);
    LocalProcess.run(USER, COMMAND_TIMEOUT, command);
  }

  @Override
  public void close() throws IOException {
    try {
      crash();
    } catch (IOException alreadyStopped) {
      // Nothing to stop.
    }
    LocalProcess.deleteTree(dir);
  }

  private static Path findBin() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    Path found = null;
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        found =
            versions
                .map(version -> version.resolve("bin"))
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                .max(Comparator.comparing(Path::toString))
                .orElse(null);
      }
    }
    Path bin = found;
    ExternalService.require(
        "PostgreSQL server binaries (initdb, pg_ctl)",
        root + "/*/bin",
        () -> {
          if (bin == null) {
            throw new IOException("no initdb found");
          }
          return bin;
        });
    return bin;
  }
}
