package io.drover.server.auth;

import io.javalin.security.RouteRole;

/**
 * What a route needs of its caller. Every route declares exactly one; a route without is refused.
 */
public enum Permission implements RouteRole {
  /** Anyone, token or not: liveness only. */
  PUBLIC("call this route"),
  /** Jobs, queues and stats of the token's queues; the API description. */
  READ("read jobs and queues"),
  /** The fleet as a whole: workers, metrics, readiness and the detailed health report. */
  OBSERVE("observe workers, metrics and health"),
  /** Enqueue jobs into the token's queues. */
  ENQUEUE("enqueue jobs"),
  /** Cancel and retry jobs, pause and resume queues. */
  MANAGE("cancel or retry jobs or pause queues"),
  /** Claim jobs of the token's queues over HTTP and report how their attempts went. */
  WORK("claim jobs or report on them");

  private final String description;

  Permission(String description) {
    this.description = description;
  }

  /** What the permission lets a caller do, for error messages: "enqueue jobs". */
  public String description() {
    return description;
  }
}
