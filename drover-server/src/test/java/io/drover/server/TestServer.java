package io.drover.server;

import io.drover.server.auth.TokenFile;
import io.drover.server.config.ConfigLoader;
import io.drover.server.config.ServerConfig;
import io.drover.store.JobStore;
import io.drover.store.memory.MemoryJobStore;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A server on the memory store, in this JVM, on a free port; settings as environment variables,
 * tokens from {@code DROVER_TOKENS_FILE} as {@code drover server} reads them.
 */
public final class TestServer implements AutoCloseable {
  private final DroverServer server;
  private final ApiClient api;

  private TestServer(DroverServer server) {
    this.server = server;
    this.api = new ApiClient(server.port());
  }

  public static TestServer start() {
    return start(Map.of());
  }

  public static TestServer start(Map<String, String> settings) {
    return start(settings, UnaryOperator.identity());
  }

  /** Starts with the options {@code change} makes of the defaults, e.g. without workers. */
  public static TestServer start(
      Map<String, String> settings, UnaryOperator<ServerOptions> change) {
    return start(settings, change, UnaryOperator.identity());
  }

  /** Starts on the store {@code wrap} makes of a memory store, e.g. one that fails on command. */
  public static TestServer start(
      Map<String, String> settings,
      UnaryOperator<ServerOptions> change,
      UnaryOperator<JobStore> wrap) {
    return start(settings, change, wrap, InstantSource.system());
  }

  /**
   * Starts with {@code clock} as the server's time, e.g. a settable one; without workers,
   * maintenance or scheduler, so nothing but requests acts on it.
   */
  public static TestServer startAt(InstantSource clock, Map<String, String> settings) {
    return start(
        settings,
        options -> options.withWorkers(false).withMaintenance(false).withScheduler(false),
        UnaryOperator.identity(),
        clock);
  }

  private static TestServer start(
      Map<String, String> settings,
      UnaryOperator<ServerOptions> change,
      UnaryOperator<JobStore> wrap,
      InstantSource clock) {
    Map<String, String> env = new HashMap<>(Map.of("DROVER_STORE", "memory", "DROVER_PORT", "0"));
    env.putAll(settings);
    ServerConfig config = ConfigLoader.load(Map.of(), env);
    ServerOptions options =
        change.apply(
            ServerOptions.defaults().withTokens(TokenFile.load(config.http().tokensFile())));
    return new TestServer(
        DroverServer.start(config, options, wrap.apply(new MemoryJobStore(clock)), clock));
  }

  /** A client without a token. */
  public ApiClient api() {
    return api;
  }

  public JobStore store() {
    return server.drover().store();
  }

  @Override
  public void close() {
    server.close();
  }
}
