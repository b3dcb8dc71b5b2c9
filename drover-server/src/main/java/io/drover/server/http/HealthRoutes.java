package io.drover.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.server.auth.Permission;
import io.drover.server.health.HealthCheck;
import io.drover.server.health.HealthReport;
import io.drover.server.health.HealthResult;
import io.drover.server.health.HealthStatus;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;
import java.util.Map;

/**
 * Health for load balancers and people. {@code /health} is liveness only: it answers while the
 * process serves HTTP and touches no store, so a slow database never gets a live process restarted.
 * {@code /health/ready} asks the store. Probes send no token, so both need none; readiness answers
 * its verdict alone, since a check's message can name hosts or errors. {@code
 * /health/comprehensive} runs every check; {@code ?verbose=true} adds their numbers. Readiness and
 * comprehensive answer 200 when ok or degraded (still serving) and 503 when down.
 */
final class HealthRoutes {
  private final List<HealthCheck> readiness;
  private final List<HealthCheck> all;

  /**
   * @param readiness what {@code /health/ready} runs: the store check
   * @param all what {@code /health/comprehensive} runs
   */
  HealthRoutes(List<HealthCheck> readiness, List<HealthCheck> all) {
    this.readiness = List.copyOf(readiness);
    this.all = List.copyOf(all);
  }

  void addTo(JavalinDefaultRouting router) {
    router.get(
        "/health",
        ctx -> Json.send(ctx, HttpStatus.OK, Json.object().put("status", "ok")),
        Permission.PUBLIC);
    router.get(
        "/health/ready",
        ctx -> {
          HealthStatus status = HealthReport.run(readiness).status();
          Json.send(ctx, httpStatus(status), Json.object().put("status", status.wireName()));
        },
        Permission.PUBLIC);
    router.get(
        "/health/comprehensive",
        ctx -> send(ctx, HealthReport.run(all), QueryFlags.flag(ctx, "verbose")),
        Permission.OBSERVE);
  }

  private static void send(Context ctx, HealthReport report, boolean verbose) {
    ObjectNode body = Json.object().put("status", report.status().wireName());
    ObjectNode checks = body.putObject("checks");
    for (Map.Entry<String, HealthResult> entry : report.results().entrySet()) {
      HealthResult result = entry.getValue();
      ObjectNode check =
          checks
              .putObject(entry.getKey())
              .put("status", result.status().wireName())
              .put("message", result.message());
      if (verbose) {
        check.set("details", Json.MAPPER.valueToTree(result.details()));
      }
    }
    Json.send(ctx, httpStatus(report.status()), body);
  }

  /** Degraded still serves: only down answers 503. */
  private static HttpStatus httpStatus(HealthStatus status) {
    return status == HealthStatus.DOWN ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
  }
}
