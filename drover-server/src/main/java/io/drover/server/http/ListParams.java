package io.drover.server.http;

import io.drover.store.JobQuery;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query string of a listing route. Unknown parameters and repeated ones are refused, like
 * unknown fields in a body, so a typo never silently widens a listing.
 */
final class ListParams {
  private ListParams() {}

  /**
   * @throws ProblemException 400 naming the first parameter that is unknown, repeated or holds a
   *     NUL
   */
  static void check(Context ctx, Set<String> known) {
    for (Map.Entry<String, List<String>> param : ctx.queryParamMap().entrySet()) {
      if (!known.contains(param.getKey())) {
        throw ProblemException.badRequest(
            param.getKey(),
            "is not a known parameter (expected one of "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
      if (param.getValue().size() > 1) {
        throw ProblemException.badRequest(param.getKey(), "is given more than once");
      }
      // Stores keep text that PostgreSQL cannot hold: a NUL is the client's mistake, not theirs.
      if (param.getValue().getFirst().indexOf('\0') >= 0) {
        throw ProblemException.badRequest(param.getKey(), "must not contain a NUL character");
      }
    }
  }

  /** An ISO-8601 time with a zone, or null when the parameter is absent. */
  static Instant instant(Context ctx, String parameter) {
    String text = ctx.queryParam(parameter);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(
          parameter,
          "must be an ISO-8601 time with a zone, like 2030-01-01T09:00:00Z (was '" + text + "')");
    }
  }

  /** The page size, {@link JobQuery#DEFAULT_LIMIT} when absent; the query checks its range. */
  static int limit(Context ctx) {
    String text = ctx.queryParam("limit");
    if (text == null) {
      return JobQuery.DEFAULT_LIMIT;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(
          "limit",
          "must be a whole number from 1 to " + JobQuery.MAX_LIMIT + " (was '" + text + "')");
    }
  }
}
