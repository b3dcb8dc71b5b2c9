package io.drover.server.config;

import java.nio.file.Path;

/**
 * The file of limits applied at start.
 *
 * @param file limits applied at start, or null. Default: null.
 */
public record LimitSettings(Path file) {
  static LimitSettings from(SettingValues settings) {
    return new LimitSettings(settings.get(Setting.LIMITS_FILE));
  }
}
