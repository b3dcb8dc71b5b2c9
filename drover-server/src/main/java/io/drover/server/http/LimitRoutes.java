package io.drover.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.JobSpec;
import io.drover.limit.LimitSpec;
import io.drover.limit.LimitStore;
import io.drover.server.auth.Permission;
import io.drover.server.limit.LimitParser;
import io.drover.server.limit.LimitView;
import io.drover.store.JobStore;
import io.drover.store.QueuePattern;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;

/**
 * Limits (the flow-control issue): {@code PUT /api/v1/limits/{name}} creates or replaces one,
 * {@code GET} lists them or shows one with the keys it holds back now, {@code DELETE} removes one.
 * A caller sees and changes only limits whose every queue pattern lies within its own; a store that
 * does not enforce limits answers 501.
 */
final class LimitRoutes {
  static final String LIMITS = "/api/v1/limits";
  private static final String ONE = LIMITS + "/{name}";

  private final JobStore store;
  private final int bodyLimit;

  LimitRoutes(JobStore store, int bodyLimit) {
    this.store = store;
    this.bodyLimit = bodyLimit;
  }

  void addTo(JavalinDefaultRouting router) {
    router.get(LIMITS, this::list, Permission.READ);
    router.put(ONE, this::put, Permission.MANAGE);
    router.get(ONE, this::show, Permission.READ);
    router.delete(ONE, this::delete, Permission.MANAGE);
  }

  private LimitStore limits() {
    return store.limits();
  }

  private void list(Context ctx) {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("limits");
    for (LimitSpec limit : limits().limits()) {
      if (limit.queues().stream().allMatch(q -> AccessControl.caller(ctx).mayUseQueue(q.text()))) {
        list.add(LimitView.of(limit));
      }
    }
    Json.send(ctx, HttpStatus.OK, body);
  }

  private void put(Context ctx) {
    String name = JobSpec.checkName("name", ctx.pathParam("name"));
    LimitSpec limit = LimitParser.parse(Json.parse(RequestBody.readJson(ctx, bodyLimit)), name);
    requireQueues(ctx, limit);
    limits().limit(name).ifPresent(existing -> requireQueues(ctx, existing));
    boolean created = limits().saveLimit(limit);
    Json.send(ctx, created ? HttpStatus.CREATED : HttpStatus.OK, LimitView.of(limit));
  }

  private void show(Context ctx) {
    LimitSpec limit = visible(ctx);
    Json.send(
        ctx,
        HttpStatus.OK,
        limits()
            .limitStatus(limit.name())
            .map(LimitView::of)
            .orElseThrow(() -> notFound(limit.name())));
  }

  private void delete(Context ctx) {
    LimitSpec limit = visible(ctx);
    limits().deleteLimit(limit.name());
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private LimitSpec visible(Context ctx) {
    String name = JobSpec.checkName("name", ctx.pathParam("name"));
    LimitSpec limit = limits().limit(name).orElseThrow(() -> notFound(name));
    requireQueues(ctx, limit);
    return limit;
  }

  private static void requireQueues(Context ctx, LimitSpec limit) {
    for (QueuePattern queue : limit.queues()) {
      AccessControl.requireQueue(ctx, queue.text(), "queues");
    }
  }

  private static ProblemException notFound(String name) {
    return new ProblemException(HttpStatus.NOT_FOUND, "name", "no limit named '" + name + "'");
  }
}
