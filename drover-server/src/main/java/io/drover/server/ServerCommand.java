package io.drover.server;

import io.drover.server.auth.ApiTokens;
import io.drover.server.auth.LoopbackGuard;
import io.drover.server.auth.TokenFileWatch;
import io.drover.server.auth.TokenSource;
import io.drover.server.config.ConfigLoader;
import io.drover.server.config.ServerConfig;
import io.drover.server.config.SettingOptions;
import io.drover.server.health.PersistenceCheck;
import io.drover.server.http.WaitingHttp;
import io.drover.server.metrics.Metrics;
import io.drover.server.store.StoreChoice;
import io.drover.server.store.StoreFactory;
import io.drover.store.JobStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drover server}: the HTTP API with an in-process worker pool and maintenance, until SIGTERM
 * or Ctrl-C. The setting options are generated from {@link io.drover.server.config.Setting}; the
 * switches that turn parts off are plain flags.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    modelTransformer = SettingOptions.class,
    description = {
      "Runs the HTTP API, an in-process worker pool and maintenance (lease reaping, cleanup)"
          + " until SIGTERM or Ctrl-C.",
      "Each setting is taken from its flag, else its DROVER_* variable, else its conventional"
          + " variable, else its default.",
      "Durations are a bare number in the unit shown (MS, SECONDS) or written like 250ms, 30s,"
          + " 5m, 1h, PT30S.",
      ""
    })
final class ServerCommand implements Callable<Integer>, ProcessCommand {
  private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);

  @Spec private CommandSpec spec;

  @Option(
      names = "--no-workers",
      description =
          "Runs no worker pool here: jobs are run by separate drover worker processes on the same"
              + " store.")
  private boolean noWorkers;

  @Mixin private MaintenanceSwitch maintenance;

  @Option(
      names = "--no-scheduler",
      description =
          "Fires no schedules here: leaves them to drover scheduler processes (any number may run;"
              + " each fire makes one job).")
  private boolean noScheduler;

  private final Map<String, String> env;

  ServerCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    InstantSource clock = InstantSource.system();
    ServerConfig config;
    ServerOptions options;
    JobStore store;
    PrometheusMeterRegistry registry;
    WaitingHttp[] waiting = new WaitingHttp[1]; // answers health checks while the store is late
    int port = -1;
    TokenFileWatch watch = null;
    try {
      config = ConfigLoader.load(SettingOptions.given(spec.commandLine().getParseResult()), env);
      Logging.apply(config.log().level(), config.log().format());
      TokenSource tokens = ApiTokens.NONE;
      if (config.http().tokensFile() != null) {
        watch = TokenFileWatch.start(config.http().tokensFile());
        tokens = watch;
      }
      LoopbackGuard.check(config.http().host(), tokens.current());
      options =
          ServerOptions.defaults()
              .withTokens(tokens)
              .withWorkers(!noWorkers)
              .withMaintenance(maintenance.enabled())
              .withScheduler(!noScheduler);
      registry = Metrics.newRegistry();
      StoreChoice choice = StoreChoice.of(config);
      ServerConfig settings = config;
      store =
          StoreFactory.openWhenUp(
              choice,
              clock,
              registry,
              () ->
                  waiting[0] =
                      WaitingHttp.start(
                          settings.http().host(),
                          settings.http().port(),
                          choice.kind().wireName()));
      options = options.withExtraChecks(PersistenceCheck.forStore(store));
      port = config.http().port();
    } finally {
      if (waiting[0] != null) {
        // The API takes the port the waiting answers came from, so a --port 0 server keeps it.
        port = waiting[0].port();
        waiting[0].close();
      }
    }
    DroverServer server;
    try {
      server = DroverServer.start(config, options, store, clock, registry, port);
    } catch (RuntimeException e) {
      log.error("cannot start: {}", e.getMessage());
      return CommandFailures.EXIT_FAILED;
    }
    if (watch != null) {
      Hangup.onSignal(watch::reload);
    }
    TokenFileWatch tokensFile = watch;
    UntilSignal.await(
        () -> {
          server.close();
          if (tokensFile != null) {
            tokensFile.close();
          }
        });
    return 0;
  }
}
