package io.drover.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.server.auth.ApiToken;
import io.drover.server.auth.Permission;
import io.drover.server.json.JsonFields;
import io.drover.store.JobStore;
import io.drover.store.PurgeRequest;
import io.drover.store.QueueStats;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Queues and their counts, as far as the caller's queues reach. {@code GET /api/v1/queues}: per
 * queue, the count of jobs in every state (zeros included, so dashboards need no defaults), whether
 * it is paused, and how long its oldest due job has waited. {@code GET /api/v1/stats}: the same
 * summed over the queues. Pause and resume are idempotent; purge deletes a queue's jobs of one
 * state.
 */
final class QueueRoutes {
  /** A purge body names one state; anything much longer is not one. */
  private static final int PURGE_BODY_LIMIT = 1024;

  private final JobStore store;
  private final InstantSource clock;

  QueueRoutes(JobStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
  }

  void addTo(JavalinDefaultRouting router) {
    router.get("/api/v1/queues", this::list, Permission.READ);
    router.post("/api/v1/queues/{name}/pause", ctx -> setPaused(ctx, true), Permission.MANAGE);
    router.post("/api/v1/queues/{name}/resume", ctx -> setPaused(ctx, false), Permission.MANAGE);
    router.post("/api/v1/queues/{name}/purge", this::purge, Permission.MANAGE);
    router.get("/api/v1/stats", this::stats, Permission.READ);
  }

  private void list(Context ctx) {
    ObjectNode body = Json.object();
    ArrayNode queues = body.putArray("queues");
    for (QueueStats stats : visibleStats(ctx)) {
      ObjectNode queue = queues.addObject();
      queue.put("queue", stats.queue());
      queue.put("paused", stats.paused());
      putCounts(queue, stats.counts());
      putOldest(queue, stats.oldestWaitingSince());
    }
    Json.send(ctx, HttpStatus.OK, body);
  }

  private void stats(Context ctx) {
    List<QueueStats> visible = visibleStats(ctx);
    Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    Instant oldest = null;
    for (QueueStats stats : visible) {
      stats.counts().forEach((state, count) -> counts.merge(state, count, Long::sum));
      Instant since = stats.oldestWaitingSince();
      if (since != null && (oldest == null || since.isBefore(oldest))) {
        oldest = since;
      }
    }
    ObjectNode body = Json.object();
    body.put("queues", visible.size());
    body.put("paused_queues", visible.stream().filter(QueueStats::paused).count());
    putCounts(body, counts);
    putOldest(body, oldest);
    Json.send(ctx, HttpStatus.OK, body);
  }

  private void setPaused(Context ctx, boolean paused) {
    String queue = JobSpec.checkName("queue", ctx.pathParam("name"));
    AccessControl.requireQueue(ctx, queue, "queue");
    if (paused) {
      store.pauseQueue(queue);
    } else {
      store.resumeQueue(queue);
    }
    Json.send(ctx, HttpStatus.OK, Json.object().put("queue", queue).put("paused", paused));
  }

  /** Deletes the queue's jobs of one state, named in the body so nothing is purged by default. */
  private void purge(Context ctx) {
    String queue = JobSpec.checkName("queue", ctx.pathParam("name"));
    AccessControl.requireQueue(ctx, queue, "queue");
    JsonNode body = Json.parse(RequestBody.readJson(ctx, PURGE_BODY_LIMIT));
    if (!body.isObject()) {
      throw ProblemException.badRequest(null, "send an object such as {\"state\": \"failed\"}");
    }
    JsonFields.rejectUnknown(body, Set.of("state"));
    if (!JsonFields.present(body, "state")) {
      throw ProblemException.badRequest("state", "is required: the state of the jobs to delete");
    }
    JobState state = purgeableState(JsonFields.text(body, "state"));
    int deleted = store.purge(new PurgeRequest(queue, state));
    Json.send(
        ctx,
        HttpStatus.OK,
        Json.object().put("queue", queue).put("state", state.wireName()).put("deleted", deleted));
  }

  private static JobState purgeableState(String text) {
    JobState state;
    try {
      state = JobState.fromWire(text);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("state", e.getMessage());
    }
    if (state == JobState.ACTIVE || state == JobState.BLOCKED) {
      throw ProblemException.badRequest(
          "state",
          "cannot purge "
              + state.wireName()
              + " jobs (active ones are held by workers: cancel them first)");
    }
    return state;
  }

  private List<QueueStats> visibleStats(Context ctx) {
    ApiToken caller = AccessControl.caller(ctx);
    return store.stats().stream().filter(stats -> caller.mayUseQueue(stats.queue())).toList();
  }

  /** Every state, zeros included, then the total. */
  private static void putCounts(ObjectNode node, Map<JobState, Long> counts) {
    ObjectNode byState = node.putObject("counts");
    long total = 0;
    for (JobState state : JobState.values()) {
      long count = counts.getOrDefault(state, 0L);
      byState.put(state.wireName(), count);
      total += count;
    }
    node.put("total", total);
  }

  private void putOldest(ObjectNode node, Instant oldestWaitingSince) {
    node.put("oldest_waiting_since", JobJson.time(oldestWaitingSince));
    if (oldestWaitingSince == null) {
      node.putNull("oldest_waiting_age_ms");
    } else {
      Duration age = Duration.between(oldestWaitingSince, clock.instant());
      node.put("oldest_waiting_age_ms", Math.max(0, age.toMillis()));
    }
  }
}
