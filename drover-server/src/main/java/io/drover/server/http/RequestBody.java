package io.drover.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a JSON request body no larger than a limit. The limit is enforced while reading, so a body
 * sent without a {@code Content-Length} (chunked) is bounded too.
 */
final class RequestBody {
  private static final Logger log = LoggerFactory.getLogger(RequestBody.class);

  private RequestBody() {}

  /**
   * @throws ProblemException 415 unless the body is declared JSON, 413 past {@code limit} bytes,
   *     408 when the body does not arrive
   */
  static byte[] readJson(Context ctx, int limit) {
    String type = ctx.contentType();
    String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw new ProblemException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          null,
          "send the body as JSON with Content-Type: application/json (was "
              + (type == null ? "none" : type)
              + ")");
    }
    if (ctx.req().getContentLengthLong() > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        throw tooLarge(limit);
      }
      return body;
    } catch (IOException e) {
      // The client went away, or sent so slowly that the idle timeout closed the connection: the
      // client's doing, not the server's, and common under load, so one line at debug, no stack.
      log.debug(
          "http: request body did not arrive: {} {}: {}", ctx.method(), ctx.path(), e.toString());
      throw new ProblemException(
          HttpStatus.REQUEST_TIMEOUT, null, "the request body did not arrive: " + e.getMessage());
    }
  }

  private static ProblemException tooLarge(int limit) {
    return new ProblemException(
        HttpStatus.CONTENT_TOO_LARGE,
        null,
        "the body is over " + limit + " bytes; send fewer jobs per request or smaller payloads");
  }
}
