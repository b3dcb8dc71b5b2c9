package io.drover.server.http;

import io.javalin.http.HttpStatus;

/** Ends a request with a {@link Problem}; thrown where the wrong input is found. */
final class ProblemException extends RuntimeException {
  private final Problem problem;

  ProblemException(HttpStatus status, String field, String detail) {
    super(detail);
    this.problem = new Problem(status, detail, field);
  }

  static ProblemException badRequest(String field, String detail) {
    return new ProblemException(HttpStatus.BAD_REQUEST, field, detail);
  }

  Problem problem() {
    return problem;
  }
}
