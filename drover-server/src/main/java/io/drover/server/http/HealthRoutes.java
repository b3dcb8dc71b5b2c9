package io.drover.server.http;

import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;

/**
 * {@code GET /health}: liveness only. It answers while the process serves HTTP and touches no
 * store, so a slow database never gets a live process restarted.
 */
final class HealthRoutes {
  private HealthRoutes() {}

  static void addTo(JavalinDefaultRouting router) {
    router.get("/health", ctx -> Json.send(ctx, HttpStatus.OK, Json.object().put("status", "ok")));
  }
}
