package io.drover.server;

import io.drover.server.config.ConfigLoader;
import io.drover.server.config.ServerConfig;
import io.drover.server.config.Setting;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The store options of {@code drover bench} and {@code bench-worker}. They bear the server's names
 * and go through the server's {@link ConfigLoader}, so flags and variables pick the store exactly
 * as they would for {@code drover server} — except the SQLite directory: a fresh temporary one
 * unless {@code --data-dir} names one, so a benchmark never writes into a server's database.
 */
final class BenchStoreOptions {
  @Option(
      names = "--store",
      paramLabel = "NAME",
      description =
          "memory, sqlite, postgres or redis. Default: chosen as drover server chooses"
              + " (DROVER_STORE, else postgres if DATABASE_URL is set, redis if REDIS_URL is set,"
              + " else sqlite).")
  private String store;

  @Option(
      names = "--database-url",
      paramLabel = "URL",
      description = "PostgreSQL URL. Env: DROVER_DATABASE_URL, DATABASE_URL.")
  private String databaseUrl;

  @Option(
      names = "--redis-url",
      paramLabel = "URL",
      description = "Redis URL. Env: DROVER_REDIS_URL, REDIS_URL.")
  private String redisUrl;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Directory of the SQLite file. Default: a fresh temporary directory, deleted afterwards"
              + " (DROVER_DATA_DIR is not read, so a bench never fills a server's database).")
  private Path dataDir;

  /** True when {@code --data-dir} was given. */
  boolean namesDataDir() {
    return dataDir != null;
  }

  /**
   * The server's settings for these flags and {@code env}.
   *
   * @param dataDirOtherwise the SQLite directory when {@code --data-dir} is absent
   * @throws io.drover.server.config.ConfigException naming the setting and where its value came
   *     from
   */
  ServerConfig load(Map<String, String> env, Path dataDirOtherwise) {
    Map<Setting<?>, String> flags = new HashMap<>();
    putIfGiven(flags, Setting.STORE, store);
    putIfGiven(flags, Setting.DATABASE_URL, databaseUrl);
    putIfGiven(flags, Setting.REDIS_URL, redisUrl);
    flags.put(Setting.DATA_DIR, (dataDir != null ? dataDir : dataDirOtherwise).toString());
    return ConfigLoader.load(flags, env);
  }

  private static void putIfGiven(Map<Setting<?>, String> flags, Setting<?> setting, String value) {
    if (value != null) {
      flags.put(setting, value);
    }
  }
}
