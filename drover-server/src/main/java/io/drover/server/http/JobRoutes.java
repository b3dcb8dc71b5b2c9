package io.drover.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.Drover;
import io.drover.Ids;
import io.drover.JobNotFoundException;
import io.drover.JobSpec;
import io.drover.store.Enqueued;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v1/jobs} enqueues one job (an object) or many (an array), all or nothing: the
 * whole body is validated before the store sees any of it. {@code GET /api/v1/jobs/{id}} shows one.
 */
final class JobRoutes {
  static final String JOBS = "/api/v1/jobs";

  private final Drover drover;
  private final JobSpecParser parser;
  private final int bodyLimit;

  JobRoutes(Drover drover, JobSpecParser parser, int bodyLimit) {
    this.drover = drover;
    this.parser = parser;
    this.bodyLimit = bodyLimit;
  }

  void addTo(JavalinDefaultRouting router) {
    router.post(JOBS, this::enqueue);
    router.get(JOBS + "/{id}", this::get);
  }

  private void enqueue(Context ctx) {
    JsonNode body = Json.parse(RequestBody.readJson(ctx, bodyLimit));
    if (body.isArray()) {
      List<JobSpec> specs = parser.parseBatch(body);
      List<Enqueued> answers = drover.enqueueAll(specs);
      ObjectNode result = Json.object();
      ArrayNode jobs = result.putArray("jobs");
      answers.forEach(answer -> jobs.add(answerOf(answer)));
      boolean anyCreated = answers.stream().anyMatch(Enqueued::created);
      Json.send(ctx, anyCreated ? HttpStatus.CREATED : HttpStatus.OK, result);
    } else {
      Enqueued answer = drover.enqueue(parser.parse(body));
      if (answer.created()) {
        ctx.header(Header.LOCATION, JOBS + "/" + answer.id());
      }
      Json.send(ctx, answer.created() ? HttpStatus.CREATED : HttpStatus.OK, answerOf(answer));
    }
  }

  private void get(Context ctx) {
    UUID id = Ids.parse("id", ctx.pathParam("id"));
    Json.send(
        ctx,
        HttpStatus.OK,
        JobJson.of(drover.store().get(id).orElseThrow(() -> new JobNotFoundException(id))));
  }

  /** {@code created} is false when the id existed or the de-duplication key matched. */
  private static ObjectNode answerOf(Enqueued answer) {
    return Json.object().put("id", answer.id().toString()).put("created", answer.created());
  }
}
