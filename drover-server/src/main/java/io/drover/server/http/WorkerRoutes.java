package io.drover.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.server.auth.Permission;
import io.drover.server.health.WorkersCheck;
import io.drover.store.JobStore;
import io.drover.store.WorkerInfo;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.time.Instant;
import java.time.InstantSource;

/**
 * {@code GET /api/v1/workers}: the worker registry, every process's pools on this store, with
 * whether each has gone quiet (see {@link WorkersCheck#isStale}).
 */
final class WorkerRoutes {
  private final JobStore store;
  private final WorkersCheck staleness;
  private final InstantSource clock;

  WorkerRoutes(JobStore store, WorkersCheck staleness, InstantSource clock) {
    this.store = store;
    this.staleness = staleness;
    this.clock = clock;
  }

  void addTo(JavalinDefaultRouting router) {
    router.get("/api/v1/workers", this::list, Permission.OBSERVE);
  }

  private void list(Context ctx) {
    Instant now = clock.instant();
    ObjectNode body = Json.object();
    ArrayNode workers = body.putArray("workers");
    for (WorkerInfo worker : store.workers()) {
      ObjectNode node = workers.addObject();
      node.put("id", worker.id());
      node.put("host", worker.host());
      ArrayNode queues = node.putArray("queues");
      worker.queues().forEach(queues::add);
      node.put("concurrency", worker.concurrency());
      node.put("running", worker.running());
      node.put("started_at", JobJson.time(worker.startedAt()));
      node.put("last_heartbeat", JobJson.time(worker.lastHeartbeat()));
      node.put("stale", staleness.isStale(worker, now));
    }
    Json.send(ctx, HttpStatus.OK, body);
  }
}
