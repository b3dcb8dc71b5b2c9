package io.drover.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;

/**
 * What the server's port answers while the process waits for its store at start: {@code /health}
 * 200 (the process is alive: no orchestrator should restart it for a database that is late), {@code
 * /health/ready} 503 (send it no traffic yet), and every other route 503 "store unavailable".
 * Closed, it frees the port for the real API.
 */
public final class WaitingHttp implements AutoCloseable {
  private final Javalin http;

  private WaitingHttp(Javalin http) {
    this.http = http;
  }

  /**
   * Listens on {@code host:port} (0: any free port).
   *
   * @param store the store's name, for the readiness answer
   * @throws RuntimeException when the port cannot be bound
   */
  public static WaitingHttp start(String host, int port, String store) {
    Javalin http =
        Javalin.create(
            javalin -> {
              javalin.showJavalinBanner = false;
              javalin.useVirtualThreads = true;
              javalin.router.mount(
                  router -> {
                    SecurityHeaders.addTo(router);
                    router.get(
                        "/health",
                        ctx -> Json.send(ctx, HttpStatus.OK, Json.object().put("status", "ok")));
                    router.get(
                        "/health/ready", ctx -> Json.send(ctx, unavailable(), notReady(store)));
                    router.error(
                        HttpStatus.NOT_FOUND,
                        ctx ->
                            new Problem(unavailable(), ProblemHandler.STORE_UNAVAILABLE, null)
                                .send(ctx));
                  });
            });
    http.start(host, port);
    return new WaitingHttp(http);
  }

  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.stop();
  }

  private static HttpStatus unavailable() {
    return HttpStatus.SERVICE_UNAVAILABLE;
  }

  /** The shape of {@code /health/ready}'s answer when the store is down. */
  private static ObjectNode notReady(String store) {
    ObjectNode body = Json.object().put("status", "down");
    body.putObject("checks")
        .putObject("store")
        .put("status", "down")
        .put("message", store + " does not answer (waiting for it at start)");
    return body;
  }
}
