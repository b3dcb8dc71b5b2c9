package io.drover.server.config;

import java.util.List;
import java.util.Locale;

/**
 * How the process logs.
 *
 * @param level the root log level, upper case. Default: INFO.
 * @param format {@code text} or {@code json}. Default: text.
 */
public record LogSettings(String level, String format) {
  public static final String DEFAULT_LEVEL = "INFO";
  public static final String DEFAULT_FORMAT = "text";
  public static final List<String> LEVELS =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
  public static final List<String> FORMATS = List.of("text", "json");

  public LogSettings {
    level = level.toUpperCase(Locale.ROOT);
    Checks.oneOf("logLevel", level, LEVELS, "one of " + String.join(", ", LEVELS));
    format = format.toLowerCase(Locale.ROOT);
    Checks.oneOf("logFormat", format, FORMATS, "text or json");
  }

  static LogSettings from(SettingValues settings) {
    return new LogSettings(settings.get(Setting.LOG_LEVEL), settings.get(Setting.LOG_FORMAT));
  }
}
