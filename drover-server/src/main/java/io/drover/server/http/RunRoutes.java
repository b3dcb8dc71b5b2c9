package io.drover.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.Ids;
import io.drover.JobSpec;
import io.drover.server.auth.Permission;
import io.drover.store.JobStore;
import io.drover.workflow.Run;
import io.drover.workflow.RunCreated;
import io.drover.workflow.RunNotFoundException;
import io.drover.workflow.RunPage;
import io.drover.workflow.RunQuery;
import io.drover.workflow.RunSpec;
import io.drover.workflow.RunState;
import io.drover.workflow.SignalOutcome;
import io.drover.workflow.Step;
import io.drover.workflow.StepSpec;
import io.drover.workflow.WorkflowStore;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Set;
import java.util.UUID;

/**
 * The run routes: create a run from a plan, show and list runs, cancel, retry, signal and delete
 * them. Runs follow their steps' queues: a caller may create a run only if every step's queue is
 * among its own, and sees or changes a run only if it may use every step's queue; listing runs
 * needs a caller that sees every queue, as a listing of jobs without a queue does.
 */
final class RunRoutes {
  static final String RUNS = "/api/v1/runs";

  private static final Set<String> LIST_PARAMETERS =
      Set.of("state", "name", "created_from", "created_to", "cursor", "limit");

  private final JobStore store;
  private final RunSpecParser parser;
  private final int bodyLimit;

  RunRoutes(JobStore store, RunSpecParser parser, int bodyLimit) {
    this.store = store;
    this.parser = parser;
    this.bodyLimit = bodyLimit;
  }

  void addTo(JavalinDefaultRouting router) {
    router.post(RUNS, this::create, Permission.ENQUEUE);
    router.get(RUNS, this::list, Permission.READ);
    router.get(RUNS + "/{id}", this::get, Permission.READ);
    router.post(RUNS + "/{id}/cancel", this::cancel, Permission.MANAGE);
    router.post(RUNS + "/{id}/retry", this::retry, Permission.MANAGE);
    router.post(RUNS + "/{id}/signals/{signal}", this::signal, Permission.ENQUEUE);
    router.delete(RUNS + "/{id}", this::delete, Permission.MANAGE);
  }

  private WorkflowStore runs() {
    return store.workflows();
  }

  private void create(Context ctx) {
    JsonNode body = Json.parse(RequestBody.readJson(ctx, bodyLimit));
    String key = ctx.header(IdempotencyKeys.HEADER);
    if (key != null) {
      IdempotencyKeys.check(key);
    }
    String caller = AccessControl.caller(ctx).name();
    RunSpec spec = parser.parse(body, key == null ? null : IdempotencyKeys.jobId(caller, key, -1));
    for (StepSpec step : spec.steps()) {
      AccessControl.requireQueue(ctx, step.job().queue(), "steps." + step.name() + ".queue");
    }
    RunCreated answer = runs().createRun(spec);
    if (answer.created()) {
      ctx.header(Header.LOCATION, RUNS + "/" + answer.id());
    }
    Json.send(
        ctx,
        answer.created() ? HttpStatus.CREATED : HttpStatus.OK,
        RunJson.summary(current(answer.id())).put("created", answer.created()));
  }

  private void list(Context ctx) {
    ListParams.check(ctx, LIST_PARAMETERS);
    if (!AccessControl.caller(ctx).seesAllQueues()) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          null,
          AccessControl.caller(ctx).describe()
              + " may not list runs: their steps may be in any queue; read one run by its id");
    }
    String name = ctx.queryParam("name");
    if (name != null) {
      JobSpec.checkName("name", name);
    }
    String state = ctx.queryParam("state");
    RunPage page =
        runs()
            .runs(
                new RunQuery(
                    state == null ? null : RunState.parse("state", state),
                    name,
                    ListParams.instant(ctx, "created_from"),
                    ListParams.instant(ctx, "created_to"),
                    ctx.queryParam("cursor"),
                    ListParams.limit(ctx)));
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("runs");
    page.runs().forEach(run -> list.add(RunJson.summary(run)));
    body.put("next_cursor", page.nextCursor());
    Json.send(ctx, HttpStatus.OK, body);
  }

  private void get(Context ctx) {
    Json.send(ctx, HttpStatus.OK, RunJson.of(visibleRun(ctx)));
  }

  private void cancel(Context ctx) {
    Run run = visibleRun(ctx);
    if (!runs().cancelRun(run.id())) {
      throw conflict(run, "it is " + run.state().wireName() + " and none of its steps runs");
    }
    Json.send(ctx, HttpStatus.OK, RunJson.summary(current(run.id())));
  }

  private void retry(Context ctx) {
    Run run = visibleRun(ctx);
    if (!runs().retryRun(run.id())) {
      throw conflict(
          run, "it is " + run.state().wireName() + "; only failed or cancelled runs are retried");
    }
    Json.send(ctx, HttpStatus.OK, RunJson.summary(current(run.id())));
  }

  private void delete(Context ctx) {
    Run run = visibleRun(ctx);
    if (!runs().deleteRun(run.id())) {
      throw conflict(run, "some of its steps have not finished; cancel it first");
    }
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private void signal(Context ctx) {
    Run run = visibleRun(ctx);
    String signal = JobSpec.checkName("signal", ctx.pathParam("signal"));
    String result = Json.parse(RequestBody.readJson(ctx, bodyLimit)).toString();
    JobSpec.checkPayload(result, JobSpec.DEFAULT_MAX_PAYLOAD_BYTES);
    SignalOutcome outcome = runs().signal(run.id(), signal, result);
    switch (outcome) {
      case DELIVERED ->
          Json.send(
              ctx,
              HttpStatus.OK,
              RunJson.summary(current(run.id())).put("signal", signal).put("delivered", true));
      case NOT_WAITING_YET ->
          throw conflict(run, "the step for signal '" + signal + "' still waits for its parents");
      case ALREADY_FINISHED ->
          throw conflict(run, "the step for signal '" + signal + "' has finished already");
      case UNKNOWN_SIGNAL ->
          throw new ProblemException(
              HttpStatus.NOT_FOUND,
              "signal",
              "run " + run.id() + " has no step waiting for a signal '" + signal + "'");
    }
  }

  /** The run named in the path, if the caller may use every step's queue (403 otherwise). */
  private Run visibleRun(Context ctx) {
    Run run = current(Ids.parse("id", ctx.pathParam("id")));
    for (Step step : run.steps()) {
      AccessControl.requireQueue(ctx, step.job().queue(), "id");
    }
    return run;
  }

  private Run current(UUID id) {
    return runs().run(id).orElseThrow(() -> new RunNotFoundException(id));
  }

  private static ProblemException conflict(Run run, String why) {
    return new ProblemException(
        HttpStatus.CONFLICT, null, "run " + run.id() + " cannot be changed: " + why);
  }
}
