package io.drover.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.drover.server.config.ConfigException;
import io.drover.server.config.ConfigLoader;
import io.drover.server.config.ServerConfig;
import io.drover.server.config.SettingOptions;
import io.drover.server.store.StoreChoice;
import io.drover.server.store.StoreFactory;
import io.drover.store.JobStore;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code drover server}: the HTTP API with an in-process worker pool, until SIGTERM or Ctrl-C. The
 * options are generated from {@link io.drover.server.config.Setting}.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    modelTransformer = SettingOptions.class,
    description = {
      "Runs the HTTP API and an in-process worker pool until SIGTERM or Ctrl-C.",
      "Each setting is taken from its flag, else its DROVER_* variable, else its conventional"
          + " variable, else its default.",
      "Durations are a bare number in the unit shown (MS, SECONDS) or written like 250ms, 30s,"
          + " 5m, 1h, PT30S.",
      ""
    })
final class ServerCommand implements Callable<Integer> {
  /** Exit status for settings that cannot be used. */
  static final int EXIT_CONFIG = 2;

  /** Exit status when the server could not start for another reason (port taken, store broken). */
  static final int EXIT_FAILED = 1;

  private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);

  @Spec private CommandSpec spec;

  private final Map<String, String> env;

  ServerCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    InstantSource clock = InstantSource.system();
    ServerConfig config;
    JobStore store;
    try {
      config = ConfigLoader.load(SettingOptions.given(spec.commandLine().getParseResult()), env);
      applyLogLevel(config.logLevel());
      store = StoreFactory.open(StoreChoice.of(config), clock);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("drover: " + e.getMessage());
      return EXIT_CONFIG;
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("drover: " + e.getMessage());
      return EXIT_FAILED;
    }
    DroverServer server;
    try {
      server = DroverServer.start(config, store, clock);
    } catch (RuntimeException e) {
      log.error("cannot start: {}", e.getMessage());
      return EXIT_FAILED;
    }
    // Main exits the JVM with this method's status, so it must not return while serving. The JVM
    // runs the hook on SIGTERM and Ctrl-C; once it has stopped everything, this returns.
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "drover-shutdown"));
    stopped.await();
    return 0;
  }

  /** LOG_LEVEL is read by logback.xml at start; the flag and DROVER_LOG_LEVEL are applied here. */
  private static void applyLogLevel(String level) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
      logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level));
    }
  }
}
