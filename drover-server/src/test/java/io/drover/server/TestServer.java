package io.drover.server;

import io.drover.server.config.ConfigLoader;
import io.drover.server.config.ServerConfig;
import io.drover.store.JobStore;
import io.drover.store.memory.MemoryJobStore;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/** A server on the memory store, in this JVM, on a free port; settings as environment variables. */
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
    Map<String, String> env = new HashMap<>(Map.of("DROVER_STORE", "memory", "DROVER_PORT", "0"));
    env.putAll(settings);
    ServerConfig config = ConfigLoader.load(Map.of(), env);
    InstantSource clock = InstantSource.system();
    return new TestServer(DroverServer.start(config, new MemoryJobStore(clock), clock));
  }

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
