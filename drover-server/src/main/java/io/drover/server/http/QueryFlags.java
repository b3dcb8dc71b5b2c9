package io.drover.server.http;

import io.javalin.http.Context;

/**
 * Boolean query parameters ({@code ?verbose=true}): absent is false, anything but true/false a 400.
 */
final class QueryFlags {
  private QueryFlags() {}

  static boolean flag(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (text == null || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw ProblemException.badRequest(name, "must be true or false (was '" + text + "')");
  }
}
