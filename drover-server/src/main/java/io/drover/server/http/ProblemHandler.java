package io.drover.server.http;

import io.drover.InvalidJobException;
import io.drover.JobNotFoundException;
import io.drover.StoreFailureException;
import io.drover.StoreUnavailableException;
import io.drover.UnsupportedCapabilityException;
import io.drover.spool.SpoolFullException;
import io.drover.workflow.RunNotFoundException;
import io.drover.workflow.StepOfRunException;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure of a request into a {@link Problem}, so clients parse one error shape. */
final class ProblemHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  /** The whole detail of a 503 for an unreachable store; the log has the rest. */
  static final String STORE_UNAVAILABLE = "store unavailable; try again later";

  /** The whole detail of a 500 for a store that failed; the log has the rest. */
  static final String STORE_FAILURE = "store failure; see the server's log";

  private ProblemHandler() {}

  static void addTo(JavalinDefaultRouting router) {
    router.exception(ProblemException.class, (e, ctx) -> e.problem().send(ctx));
    router.exception(
        InvalidJobException.class,
        (e, ctx) -> new Problem(HttpStatus.BAD_REQUEST, e.getMessage(), e.field()).send(ctx));
    router.exception(
        JobNotFoundException.class,
        (e, ctx) -> new Problem(HttpStatus.NOT_FOUND, e.getMessage(), "id").send(ctx));
    router.exception(
        RunNotFoundException.class,
        (e, ctx) -> new Problem(HttpStatus.NOT_FOUND, e.getMessage(), "id").send(ctx));
    router.exception(
        StepOfRunException.class,
        (e, ctx) -> new Problem(HttpStatus.CONFLICT, e.getMessage(), "id").send(ctx));
    router.exception(
        UnsupportedCapabilityException.class,
        (e, ctx) -> new Problem(HttpStatus.NOT_IMPLEMENTED, e.getMessage(), null).send(ctx));
    router.exception(StoreUnavailableException.class, ProblemHandler::storeUnavailable);
    router.exception(StoreFailureException.class, ProblemHandler::storeFailure);
    router.exception(SpoolFullException.class, ProblemHandler::spoolFull);
    // Javalin's own answers: unknown route (404), wrong method (405), body too large (413).
    router.exception(HttpResponseException.class, ProblemHandler::javalinResponse);
    router.exception(Exception.class, ProblemHandler::unexpected);
  }

  /**
   * The log keeps the store's message (host, port, database, pool state); the body says only what
   * kind of trouble it is, so clients learn nothing of the infrastructure behind the API.
   */
  private static void storeUnavailable(StoreUnavailableException e, Context ctx) {
    log.warn("store unavailable: {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
    new Problem(HttpStatus.SERVICE_UNAVAILABLE, STORE_UNAVAILABLE, null).send(ctx);
  }

  private static void storeFailure(StoreFailureException e, Context ctx) {
    log.error("store failure: {} {}", ctx.method(), ctx.path(), e);
    new Problem(HttpStatus.INTERNAL_SERVER_ERROR, STORE_FAILURE, null).send(ctx);
  }

  private static void spoolFull(SpoolFullException e, Context ctx) {
    log.warn("enqueue refused: {}", e.getMessage());
    ctx.header(Header.RETRY_AFTER, String.valueOf(e.retryAfter().toSeconds()));
    new Problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), null).send(ctx);
  }

  private static void javalinResponse(HttpResponseException e, Context ctx) {
    HttpStatus status = HttpStatus.forStatus(e.getStatus());
    String allowed = e.getDetails().get("availableMethods");
    if (status == HttpStatus.METHOD_NOT_ALLOWED && allowed != null) {
      ctx.header(Header.ALLOW, allowed);
      new Problem(status, ctx.method() + " is not allowed here; use " + allowed, null).send(ctx);
    } else if (status == HttpStatus.NOT_FOUND) {
      new Problem(status, "no route " + ctx.method() + " " + ctx.path(), null).send(ctx);
    } else {
      new Problem(status, e.getMessage(), null).send(ctx);
    }
  }

  private static void unexpected(Exception e, Context ctx) {
    log.error("request failed: {} {}", ctx.method(), ctx.path(), e);
    new Problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "the server failed to answer (" + e.getClass().getSimpleName() + "); see its log",
            null)
        .send(ctx);
  }
}
