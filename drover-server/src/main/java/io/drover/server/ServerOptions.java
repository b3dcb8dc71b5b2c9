package io.drover.server;

import io.drover.server.auth.ApiTokens;
import io.drover.server.auth.TokenSource;
import io.drover.server.health.HealthCheck;
import java.util.List;

/**
 * What a server process runs and accepts, beyond its {@link io.drover.server.config.ServerConfig}.
 *
 * @param tokens the API tokens, asked on every request; {@link ApiTokens#NONE} for no auth
 *     (loopback only)
 * @param workers whether this process runs a worker pool ({@code --no-workers} turns it off)
 * @param maintenance whether it reaps expired leases and cleans up ({@code --no-maintenance})
 * @param scheduler whether it fires due schedules ({@code --no-scheduler})
 * @param extraChecks health checks beyond the built-in ones, e.g. a store's own
 */
public record ServerOptions(
    TokenSource tokens,
    boolean workers,
    boolean maintenance,
    boolean scheduler,
    List<HealthCheck> extraChecks) {
  public ServerOptions {
    extraChecks = List.copyOf(extraChecks);
  }

  /** No tokens; workers, maintenance and scheduler on; no extra checks. */
  public static ServerOptions defaults() {
    return new ServerOptions(ApiTokens.NONE, true, true, true, List.of());
  }

  public ServerOptions withTokens(TokenSource tokens) {
    return new ServerOptions(tokens, workers, maintenance, scheduler, extraChecks);
  }

  public ServerOptions withWorkers(boolean workers) {
    return new ServerOptions(tokens, workers, maintenance, scheduler, extraChecks);
  }

  public ServerOptions withMaintenance(boolean maintenance) {
    return new ServerOptions(tokens, workers, maintenance, scheduler, extraChecks);
  }

  public ServerOptions withScheduler(boolean scheduler) {
    return new ServerOptions(tokens, workers, maintenance, scheduler, extraChecks);
  }

  public ServerOptions withExtraChecks(List<HealthCheck> extraChecks) {
    return new ServerOptions(tokens, workers, maintenance, scheduler, extraChecks);
  }
}
