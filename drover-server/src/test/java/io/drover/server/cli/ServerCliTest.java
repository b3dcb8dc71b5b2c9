package io.drover.server.cli;

import io.drover.server.ServerOptions;
import io.drover.server.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * CLI tests against a server of this build, started for each test with its workers off, so jobs and
 * runs stay where the commands put them; {@link #env} points the CLI at it.
 */
abstract class ServerCliTest {
  TestServer server;
  Map<String, String> env;

  @BeforeEach
  void startServer() {
    server = TestServer.start(Map.of(), this::options);
    env = Map.of("DROVER_SERVER", server.api().baseUrl());
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** The server's options: the defaults without workers, unless a test class says more. */
  ServerOptions options(ServerOptions defaults) {
    return defaults.withWorkers(false);
  }
}
