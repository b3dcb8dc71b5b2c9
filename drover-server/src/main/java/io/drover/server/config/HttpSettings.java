package io.drover.server.config;

import io.drover.Bounds;
import io.drover.JobSpec;
import io.drover.server.ratelimit.ApiRates;
import io.drover.workflow.RunSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the HTTP API listens on and accepts.
 *
 * @param host the listen address. Default: 127.0.0.1 (loopback, DESIGN §8).
 * @param port the port, 0 for any free one. Default: 8080.
 * @param maxPayloadBytes largest payload (and result) the API accepts. Default: 1 MiB.
 * @param tokensFile the API tokens, or null for no auth (and loopback only). Default: null.
 * @param corsOrigins browser origins allowed to call the API; empty turns CORS off. Default: none.
 * @param maxRunSteps steps a run created over the API may hold, counting those its steps add.
 *     Default: 10,000.
 * @param apiRate the requests each role's tokens may send. Default: {@link ApiRates#OFF}.
 */
public record HttpSettings(
    String host,
    int port,
    int maxPayloadBytes,
    Path tokensFile,
    List<String> corsOrigins,
    int maxRunSteps,
    ApiRates apiRate) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = JobSpec.DEFAULT_MAX_PAYLOAD_BYTES;
  public static final int DEFAULT_MAX_RUN_STEPS = RunSpec.DEFAULT_MAX_STEPS;

  /** The smallest payload there is: {@code {}}. */
  public static final int MIN_PAYLOAD_BYTES = 2;

  /** {@link JobSpec} refuses payloads over 1 MiB whatever the server says, so it can only lower. */
  public static final int MAX_PAYLOAD_BYTES = JobSpec.DEFAULT_MAX_PAYLOAD_BYTES;

  public HttpSettings {
    if (host == null || host.isBlank()) {
      throw new ConfigException("host", "must not be empty");
    }
    Checks.range("port", port, 0, 65_535);
    Checks.range("maxPayloadBytes", maxPayloadBytes, MIN_PAYLOAD_BYTES, MAX_PAYLOAD_BYTES);
    corsOrigins = List.copyOf(corsOrigins);
    Checks.range("maxRunSteps", maxRunSteps, 1, Bounds.MAX_RUN_STEPS);
    Objects.requireNonNull(apiRate, "apiRate");
  }

  static HttpSettings from(SettingValues settings) {
    return new HttpSettings(
        settings.get(Setting.HOST),
        settings.get(Setting.PORT),
        settings.get(Setting.MAX_PAYLOAD_BYTES),
        settings.get(Setting.TOKENS_FILE),
        settings.get(Setting.CORS_ORIGINS),
        settings.get(Setting.MAX_RUN_STEPS),
        settings.get(Setting.API_RATE));
  }
}
