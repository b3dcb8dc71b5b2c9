package io.drover.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.JobState;
import io.drover.store.JobStore;
import io.drover.store.QueueStats;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.time.Duration;
import java.time.InstantSource;

/**
 * {@code GET /api/v1/queues}: per queue, the count of jobs in every state (zeros included, so
 * dashboards need no defaults), whether it is paused, and how long its oldest due job has waited.
 */
final class QueueRoutes {
  private final JobStore store;
  private final InstantSource clock;

  QueueRoutes(JobStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
  }

  void addTo(JavalinDefaultRouting router) {
    router.get("/api/v1/queues", this::list);
  }

  private void list(Context ctx) {
    ObjectNode body = Json.object();
    ArrayNode queues = body.putArray("queues");
    for (QueueStats stats : store.stats()) {
      ObjectNode queue = queues.addObject();
      queue.put("queue", stats.queue());
      queue.put("paused", stats.paused());
      ObjectNode counts = queue.putObject("counts");
      for (JobState state : JobState.values()) {
        counts.put(state.wireName(), stats.count(state));
      }
      queue.put("total", stats.total());
      queue.put("oldest_waiting_since", JobJson.time(stats.oldestWaitingSince()));
      if (stats.oldestWaitingSince() == null) {
        queue.putNull("oldest_waiting_age_ms");
      } else {
        Duration age = Duration.between(stats.oldestWaitingSince(), clock.instant());
        queue.put("oldest_waiting_age_ms", Math.max(0, age.toMillis()));
      }
    }
    Json.send(ctx, HttpStatus.OK, body);
  }
}
