package io.drover.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.Drover;
import io.drover.Ids;
import io.drover.Job;
import io.drover.JobNotFoundException;
import io.drover.JobSpec;
import io.drover.server.auth.Permission;
import io.drover.store.Enqueued;
import io.drover.store.JobPage;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The job routes. {@code POST /api/v1/jobs} enqueues one job (an object) or many (an array), all or
 * nothing: the whole body is validated, and every queue checked against the caller's, before the
 * store sees any of it; with {@code ?dry_run=true} it stops there, so a client can check a large
 * upload in full before storing any of it. The others show, list, cancel and retry jobs of the
 * caller's queues.
 */
final class JobRoutes {
  static final String JOBS = "/api/v1/jobs";

  private final Drover drover;
  private final JobSpecParser parser;
  private final int bodyLimit;
  private final BiConsumer<JobSpec, Enqueued> onEnqueued;

  /**
   * @param onEnqueued told of every spec the store answered, e.g. to count the new ones
   */
  JobRoutes(
      Drover drover,
      JobSpecParser parser,
      int bodyLimit,
      BiConsumer<JobSpec, Enqueued> onEnqueued) {
    this.drover = drover;
    this.parser = parser;
    this.bodyLimit = bodyLimit;
    this.onEnqueued = onEnqueued;
  }

  void addTo(JavalinDefaultRouting router) {
    router.post(JOBS, this::enqueue, Permission.ENQUEUE);
    router.get(JOBS, this::list, Permission.READ);
    router.get(JOBS + "/{id}", this::get, Permission.READ);
    router.post(JOBS + "/{id}/cancel", this::cancel, Permission.MANAGE);
    router.post(JOBS + "/{id}/retry", this::retry, Permission.MANAGE);
    router.delete(JOBS + "/{id}", this::delete, Permission.MANAGE);
  }

  private void enqueue(Context ctx) {
    JsonNode body = Json.parse(RequestBody.readJson(ctx, bodyLimit));
    String key = ctx.header(IdempotencyKeys.HEADER);
    String caller = AccessControl.caller(ctx).name();
    boolean dryRun = QueryFlags.flag(ctx, "dry_run");
    if (key != null) {
      IdempotencyKeys.check(key);
    }
    if (body.isArray()) {
      List<JobSpec> specs =
          parser.parseBatch(
              body, index -> key == null ? null : IdempotencyKeys.jobId(caller, key, index));
      for (int i = 0; i < specs.size(); i++) {
        AccessControl.requireQueue(ctx, specs.get(i).queue(), "[" + i + "].queue");
      }
      if (dryRun) {
        checked(ctx, specs.size());
        return;
      }
      List<Enqueued> answers = drover.enqueueAll(specs);
      ObjectNode result = Json.object();
      ArrayNode jobs = result.putArray("jobs");
      for (int i = 0; i < answers.size(); i++) {
        onEnqueued.accept(specs.get(i), answers.get(i));
        jobs.add(answerOf(answers.get(i)));
      }
      Json.send(ctx, status(answers), result);
    } else {
      JobSpec spec =
          parser.parse(body, key == null ? null : IdempotencyKeys.jobId(caller, key, -1));
      AccessControl.requireQueue(ctx, spec.queue(), "queue");
      if (dryRun) {
        checked(ctx, 1);
        return;
      }
      Enqueued answer = drover.enqueue(spec);
      onEnqueued.accept(spec, answer);
      if (answer.created()) {
        ctx.header(Header.LOCATION, JOBS + "/" + answer.id());
      }
      Json.send(ctx, status(List.of(answer)), answerOf(answer));
    }
  }

  /** The answer to a dry run that found nothing wrong: how many jobs it checked. */
  private static void checked(Context ctx, int jobs) {
    Json.send(ctx, HttpStatus.OK, Json.object().put("dry_run", true).put("jobs", jobs));
  }

  private void list(Context ctx) {
    JobPage page = drover.store().list(JobListQuery.of(ctx, AccessControl.caller(ctx)));
    ObjectNode body = Json.object();
    ArrayNode jobs = body.putArray("jobs");
    page.jobs().forEach(job -> jobs.add(JobJson.of(job)));
    body.put("next_cursor", page.nextCursor());
    Json.send(ctx, HttpStatus.OK, body);
  }

  private void get(Context ctx) {
    Job job = visibleJob(ctx);
    ObjectNode json = JobJson.of(job);
    LimitHolds.addTo(json, job, drover.store());
    Json.send(ctx, HttpStatus.OK, json);
  }

  private void cancel(Context ctx) {
    Job job = visibleJob(ctx);
    if (!drover.store().cancel(job.id())) {
      throw conflict(job, "it is " + job.state().wireName() + " already");
    }
    Json.send(ctx, HttpStatus.OK, JobJson.of(current(job.id())));
  }

  private void retry(Context ctx) {
    Job job = visibleJob(ctx);
    if (!drover.store().retryNow(job.id())) {
      throw conflict(
          job,
          "it is "
              + job.state().wireName()
              + "; only scheduled, retrying, failed or cancelled jobs can be retried");
    }
    Json.send(ctx, HttpStatus.OK, JobJson.of(current(job.id())));
  }

  private void delete(Context ctx) {
    Job job = visibleJob(ctx);
    if (!drover.store().delete(job.id())) {
      throw conflict(job, "it is active; cancel it first");
    }
    ctx.status(HttpStatus.NO_CONTENT);
  }

  /** The job named in the path, if the caller may see its queue (403 otherwise). */
  private Job visibleJob(Context ctx) {
    Job job = current(Ids.parse("id", ctx.pathParam("id")));
    AccessControl.requireQueue(ctx, job.queue(), "id");
    return job;
  }

  private Job current(UUID id) {
    return drover.store().get(id).orElseThrow(() -> new JobNotFoundException(id));
  }

  private static ProblemException conflict(Job job, String why) {
    return new ProblemException(
        HttpStatus.CONFLICT, null, "job " + job.id() + " cannot be changed: " + why);
  }

  /**
   * 202 when the jobs were spooled (a batch is spooled whole or not at all), 201 when the store
   * made any, 200 when every id or de-duplication key matched an existing job.
   */
  private static HttpStatus status(List<Enqueued> answers) {
    if (answers.get(0).spooled()) {
      return HttpStatus.ACCEPTED;
    }
    return answers.stream().anyMatch(Enqueued::created) ? HttpStatus.CREATED : HttpStatus.OK;
  }

  /**
   * {@code created} is false when the id existed or the de-duplication key matched; {@code spooled}
   * is there, true, only when the store was unreachable and the job waits in the spool.
   */
  private static ObjectNode answerOf(Enqueued answer) {
    ObjectNode node =
        Json.object().put("id", answer.id().toString()).put("created", answer.created());
    return answer.spooled() ? node.put("spooled", true) : node;
  }
}
