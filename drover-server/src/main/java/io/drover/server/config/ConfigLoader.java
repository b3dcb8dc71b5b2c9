package io.drover.server.config;

import java.util.Map;

/**
 * Builds a {@link ServerConfig} from flags and environment variables. Each setting takes the first
 * value found in this order (STYLE: precedence said out loud):
 *
 * <ol>
 *   <li>its flag, e.g. {@code --concurrency 5};
 *   <li>its {@code DROVER_*} variable, e.g. {@code DROVER_CONCURRENCY};
 *   <li>its conventional variable, e.g. {@code WORKER_CONCURRENCY} or {@code PORT};
 *   <li>its default ({@link Setting#fallback()}).
 * </ol>
 *
 * A configuration file, when it comes, slots in before the defaults in {@link #lookup}. Empty
 * variables count as unset, as container platforms often define them blank.
 */
public final class ConfigLoader {
  private final Map<Setting<?>, String> flags;
  private final Map<String, String> env;

  private ConfigLoader(Map<Setting<?>, String> flags, Map<String, String> env) {
    this.flags = flags;
    this.env = env;
  }

  /**
   * Resolves every setting and validates the result.
   *
   * @param flags the flags given on the command line, by setting
   * @param env the process environment
   * @throws ConfigException one line naming the setting, where its value came from and what is
   *     wrong
   */
  public static ServerConfig load(Map<Setting<?>, String> flags, Map<String, String> env) {
    ConfigLoader loader = new ConfigLoader(flags, env);
    try {
      return ServerConfig.from(loader::value);
    } catch (ConfigException e) {
      Found found = loader.lookup(Setting.byKey(e.setting()));
      throw found == null ? e : e.from(found.describe());
    }
  }

  /** A value and the name it was found under, e.g. {@code --port} or {@code PORT}. */
  private record Found(String source, String text) {
    String describe() {
      return source + "=" + text;
    }
  }

  private Found lookup(Setting<?> setting) {
    String flag = flags.get(setting);
    if (flag != null) {
      return new Found(setting.flag(), flag);
    }
    for (String name : new String[] {setting.droverEnv(), setting.conventionalEnv()}) {
      String value = name == null ? null : env.get(name);
      if (value != null && !value.isBlank()) {
        return new Found(name, value);
      }
    }
    return null;
  }

  private <T> T value(Setting<T> setting) {
    Found found = lookup(setting);
    if (found == null) {
      return setting.fallback();
    }
    try {
      return setting.parse(found.text().trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(setting.key(), e.getMessage());
    }
  }
}
