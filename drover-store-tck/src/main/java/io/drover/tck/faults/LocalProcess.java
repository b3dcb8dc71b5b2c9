package io.drover.tck.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the commands that start, stop and crash throwaway servers, and finds ports for them. */
final class LocalProcess {
  private LocalProcess() {}

  /** A port free on the loopback interface now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /**
   * Runs a command as {@code user} when this process is root and the user differs (PostgreSQL
   * refuses to run as root), else as this process's user; waits for it and returns its output.
   *
   * @throws IOException if it fails or exits non-zero, with its output
   */
  static String run(String user, Duration timeout, String... command) throws IOException {
    List<String> full = new ArrayList<>();
    if (user != null && "root".equals(System.getProperty("user.name"))) {
      full.addAll(List.of("runuser", "-u", user, "--"));
    }
    full.addAll(List.of(command));
    Path log = Files.createTempFile("drover-cmd", ".log");
    try {
      Process process =
          new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", full) + " did not finish in " + timeout);
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IOException(
            String.join(" ", full) + " exited with " + process.exitValue() + ": " + output);
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + full, e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Deletes a directory tree, ignoring what is already gone. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
