package io.drover.server.config;

/**
 * A setting that cannot be used. The message is one line meant for an operator's terminal; the
 * server exits with status 2 on it.
 */
public class ConfigException extends RuntimeException {
  private final String setting;
  private final String problem;

  /**
   * @param setting the {@link Setting#key()} of the setting that is wrong, e.g. {@code concurrency}
   * @param problem what is wrong with it, e.g. "must be 1-10000 (was 0)"
   */
  public ConfigException(String setting, String problem) {
    this(setting, problem, null);
  }

  private ConfigException(String setting, String problem, String source) {
    super((source == null ? "" : source + ": ") + setting + " " + problem);
    this.setting = setting;
    this.problem = problem;
  }

  public String setting() {
    return setting;
  }

  /** The same problem, saying where the value came from, e.g. {@code WORKER_CONCURRENCY=0}. */
  public ConfigException from(String source) {
    return new ConfigException(setting, problem, source);
  }
}
