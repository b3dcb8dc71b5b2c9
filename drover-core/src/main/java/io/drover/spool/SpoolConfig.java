package io.drover.spool;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a producer keeps jobs while the store is unreachable, and how many.
 *
 * @param directory the spool's directory, made if missing; each process writes its own journal file
 *     in it and adopts those of processes that ended. Default (server): {@code <data dir>/spool}.
 * @param maxJobs jobs the spool holds before it refuses more. Default: {@value #DEFAULT_MAX_JOBS}.
 * @param maxBytes bytes of spooled jobs it holds before it refuses more. Default: 256 MiB.
 */
public record SpoolConfig(Path directory, int maxJobs, long maxBytes) {
  public static final int DEFAULT_MAX_JOBS = 100_000;
  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

  /** Room for at least one batch of the largest jobs the API takes. */
  public static final long MIN_BYTES = 2L * 1024 * 1024;

  public SpoolConfig {
    Objects.requireNonNull(directory, "directory");
    if (maxJobs < 1) {
      throw new IllegalArgumentException("spool maxJobs must be at least 1 (was " + maxJobs + ")");
    }
    if (maxBytes < MIN_BYTES) {
      throw new IllegalArgumentException(
          "spool maxBytes must be at least " + MIN_BYTES + " (was " + maxBytes + ")");
    }
  }

  public static SpoolConfig at(Path directory) {
    return new SpoolConfig(directory, DEFAULT_MAX_JOBS, DEFAULT_MAX_BYTES);
  }
}
