package io.drover.server.config;

import java.time.Duration;

/**
 * When {@code /health/comprehensive} reports a queue as degraded.
 *
 * @param backlogWarn waiting jobs per queue above which health is degraded. Default: 10,000.
 * @param oldestAgeWarn oldest due job's wait above which health is degraded. Default: 5 min.
 */
public record HealthSettings(int backlogWarn, Duration oldestAgeWarn) {
  public static final int DEFAULT_BACKLOG_WARN = 10_000;
  public static final Duration DEFAULT_OLDEST_AGE_WARN = Duration.ofMinutes(5);

  /** A queue's oldest job may wait at most a week before health must say so. */
  public static final Duration MAX_OLDEST_AGE_WARN = Duration.ofDays(7);

  public HealthSettings {
    Checks.range("backlogWarn", backlogWarn, 1, Integer.MAX_VALUE);
    Checks.between("oldestAgeWarn", oldestAgeWarn, Duration.ofSeconds(1), MAX_OLDEST_AGE_WARN);
  }

  static HealthSettings from(SettingValues settings) {
    return new HealthSettings(
        settings.get(Setting.BACKLOG_WARN), settings.get(Setting.OLDEST_AGE_WARN));
  }
}
