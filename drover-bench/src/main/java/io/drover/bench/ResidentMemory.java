package io.drover.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * This process's resident set as Linux reports it in {@code /proc/self}. Elsewhere the figures are
 * unknown (-1) rather than guessed.
 */
final class ResidentMemory {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
  private static final String HIGH_WATER_MARK = "VmHWM:";

  private ResidentMemory() {}

  /** The most resident memory since the process started or {@link #resetPeak()}; -1 if unknown. */
  static long peakBytes() {
    try {
      List<String> lines = Files.readAllLines(STATUS);
      for (String line : lines) {
        if (line.startsWith(HIGH_WATER_MARK)) {
          // "VmHWM:     123456 kB"
          String kilobytes = line.substring(HIGH_WATER_MARK.length()).replace("kB", "").trim();
          return Long.parseLong(kilobytes) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or /proc not mounted: unknown.
    }
    return -1;
  }

  /**
   * Starts the high-water mark again from the current resident set (Linux 4.0+: writing 5 to
   * clear_refs), so each scenario of one run reports its own peak. Best effort: without it the peak
   * covers the earlier scenarios too.
   */
  static void resetPeak() {
    try {
      Files.writeString(CLEAR_REFS, "5");
    } catch (IOException | RuntimeException e) {
      // Not Linux, or not allowed: the peak keeps counting from start-up.
    }
  }
}
