package io.drover.server;

import io.drover.server.config.ServerConfig;
import io.drover.server.limit.LimitFile;
import io.drover.store.Capabilities;
import io.drover.store.JobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the {@code --limits} file, if any, before a process starts claiming. */
final class LimitsAtStart {
  private static final Logger log = LoggerFactory.getLogger(LimitsAtStart.class);

  private LimitsAtStart() {}

  /**
   * @throws io.drover.InvalidJobException naming the entry and field of a bad definition; nothing
   *     is written then
   * @throws io.drover.UnsupportedCapabilityException if the store does not enforce limits
   * @throws UncheckedIOException if the file cannot be read
   */
  static void apply(ServerConfig config, JobStore store) {
    if (config.limits().file() == null) {
      return;
    }
    Capabilities.requireLimits(store);
    try {
      LimitFile.Applied applied =
          LimitFile.apply(LimitFile.read(config.limits().file()), store.limits());
      log.atInfo()
          .setMessage("limits: applied {}")
          .addArgument(config.limits().file())
          .addKeyValue("created", applied.created())
          .addKeyValue("updated", applied.updated())
          .addKeyValue("unchanged", applied.unchanged())
          .log();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read limits file " + config.limits().file() + ": " + e.getMessage(), e);
    }
  }
}
