package io.drover.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * An error answer in the shape of RFC 9457 ({@code application/problem+json}), with one extension:
 * {@code field}, the input that was wrong, e.g. {@code queue} or {@code [3].priority}.
 *
 * @param detail what was wrong, in one sentence a client can show
 * @param field the offending field, or null when the problem is not about one
 */
record Problem(HttpStatus status, String detail, String field) {
  static final String CONTENT_TYPE = "application/problem+json";

  /** Writes this problem as the response. */
  void send(Context ctx) {
    ObjectNode body = Json.object();
    // "about:blank": the status says what kind of problem it is; detail and field say the rest.
    body.put("type", "about:blank");
    body.put("title", status.getMessage());
    body.put("status", status.getCode());
    body.put("detail", detail);
    if (field != null) {
      body.put("field", field);
    }
    ctx.status(status).contentType(CONTENT_TYPE).result(Json.write(body));
  }
}
