package io.drover.server.http;

import io.drover.server.auth.Permission;
import io.drover.server.metrics.Metrics;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;

/** {@code GET /metrics}: the process's metrics in the Prometheus text format. */
final class MetricsRoute {
  private MetricsRoute() {}

  static void addTo(JavalinDefaultRouting router, Metrics metrics) {
    router.get(
        "/metrics",
        ctx -> ctx.status(HttpStatus.OK).contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()),
        Permission.OBSERVE);
  }
}
