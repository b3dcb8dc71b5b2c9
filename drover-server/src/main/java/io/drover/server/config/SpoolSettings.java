package io.drover.server.config;

import io.drover.spool.SpoolConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The spool a producing process keeps while the store is unreachable.
 *
 * @param mode {@code on}, {@code off} or {@code auto} (on for postgres and redis). Default: auto.
 * @param dir the spool's directory, or null for {@code spool} under the data directory. Default:
 *     null.
 * @param maxJobs jobs the spool holds. Default: 100,000.
 * @param maxBytes bytes of jobs the spool holds. Default: 256 MiB.
 */
public record SpoolSettings(String mode, Path dir, int maxJobs, long maxBytes) {
  public static final List<String> MODES = List.of("on", "off", "auto");
  public static final String DEFAULT_MODE = "auto";

  public SpoolSettings {
    mode = mode.toLowerCase(Locale.ROOT);
    Checks.oneOf("spool", mode, MODES, "on, off or auto");
    Checks.range("spoolMaxJobs", maxJobs, 1, Integer.MAX_VALUE);
    if (maxBytes < SpoolConfig.MIN_BYTES) {
      throw new ConfigException(
          "spoolMaxBytes", "must be at least " + SpoolConfig.MIN_BYTES + " (was " + maxBytes + ")");
    }
  }

  static SpoolSettings from(SettingValues settings) {
    return new SpoolSettings(
        settings.get(Setting.SPOOL),
        settings.get(Setting.SPOOL_DIR),
        settings.get(Setting.SPOOL_MAX_JOBS),
        settings.get(Setting.SPOOL_MAX_BYTES));
  }

  /**
   * The spool a producing process (the API, the CLI talking straight to a store) keeps, if any.
   *
   * @param storeName the store in use, as {@code DROVER_STORE} names it: {@code auto} spools for
   *     the remote ones only, as the embedded ones are unreachable only when the disk is
   * @param dataDir where the spool goes when no directory is set
   */
  public Optional<SpoolConfig> config(String storeName, Path dataDir) {
    boolean on =
        switch (mode) {
          case "on" -> true;
          case "off" -> false;
          default -> storeName.equals("postgres") || storeName.equals("redis");
        };
    if (!on) {
      return Optional.empty();
    }
    Path directory = dir != null ? dir : dataDir.resolve("spool");
    return Optional.of(new SpoolConfig(directory, maxJobs, maxBytes));
  }
}
