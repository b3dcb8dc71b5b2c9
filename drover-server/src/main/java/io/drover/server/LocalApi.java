package io.drover.server;

import io.drover.server.config.ConfigLoader;
import io.drover.server.config.ServerConfig;
import io.drover.server.config.Setting;
import io.drover.server.store.StoreChoice;
import io.drover.server.store.StoreFactory;
import io.drover.store.JobStore;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The API of a store, served inside this process on a loopback port only it knows, for the CLI
 * talking straight to a store: its commands then go through the very routes, checks and answers a
 * server gives, rather than a second implementation of each. Nothing runs but the API: no workers,
 * scheduler or maintenance, and no schedules or limits file is applied.
 */
public final class LocalApi implements AutoCloseable {
  /** Settings that belong to a serving process and must not act from a CLI call. */
  private static final List<Setting<?>> IGNORED =
      List.of(
          Setting.SCHEDULES_FILE,
          Setting.PRUNE_SCHEDULES,
          Setting.LIMITS_FILE,
          Setting.TOKENS_FILE);

  private final DroverServer server;

  private LocalApi(DroverServer server) {
    this.server = server;
  }

  /**
   * Opens the store the flags and environment name, as {@code drover server} would.
   *
   * @throws io.drover.StoreUnavailableException if the store cannot be opened
   * @throws io.drover.server.config.ConfigException for a bad setting
   */
  public static LocalApi open(Map<Setting<?>, String> storeFlags, Map<String, String> env) {
    // A CLI call is no server: its store's start-up notes are noise; warnings still show (stderr).
    Logging.apply("warn", "text");
    Map<String, String> environment = new HashMap<>(env);
    for (Setting<?> setting : IGNORED) {
      environment.remove(setting.droverEnv());
      if (setting.conventionalEnv() != null) {
        environment.remove(setting.conventionalEnv());
      }
    }
    Map<Setting<?>, String> flags = new HashMap<>();
    flags.putAll(storeFlags);
    flags.put(Setting.HOST, "127.0.0.1");
    flags.put(Setting.PORT, "0");
    ServerConfig config = ConfigLoader.load(flags, environment);
    InstantSource clock = InstantSource.system();
    JobStore store = StoreFactory.open(StoreChoice.of(config), clock);
    ServerOptions options =
        ServerOptions.defaults().withWorkers(false).withScheduler(false).withMaintenance(false);
    return new LocalApi(DroverServer.start(config, options, store, clock));
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Stops the API and closes the store. */
  @Override
  public void close() {
    server.close();
  }
}
