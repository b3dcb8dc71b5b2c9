package io.drover.server.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --server} and {@code --token} options every command talking to a server has. The token
 * is better given as {@code DROVER_TOKEN}: a flag shows in the process list.
 */
final class ServerConnection {
  static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "The server's base URL. Env: DROVER_SERVER. Default: " + DEFAULT_SERVER + ".")
  private String server;

  @Option(
      names = "--token",
      paramLabel = "SECRET",
      description =
          "An API token's secret, when the server has tokens. Env: DROVER_TOKEN (safer: flags show"
              + " in the process list). Default: none.")
  private String token;

  DroverClient client(Map<String, String> env) {
    String url = server != null ? server : env.getOrDefault("DROVER_SERVER", DEFAULT_SERVER);
    String secret = token != null ? token : env.get("DROVER_TOKEN");
    return new DroverClient(url, secret == null || secret.isBlank() ? null : secret);
  }
}
