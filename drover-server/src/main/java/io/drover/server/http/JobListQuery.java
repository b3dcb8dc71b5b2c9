package io.drover.server.http;

import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.server.auth.ApiToken;
import io.drover.store.JobQuery;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the query string of {@code GET /api/v1/jobs} into a {@link JobQuery}. Unknown parameters
 * and repeated ones are refused, like unknown fields in a body, so a typo never silently widens a
 * listing.
 */
final class JobListQuery {
  private static final Set<String> PARAMETERS =
      Set.of("queue", "state", "kind", "tag", "created_from", "created_to", "cursor", "limit");

  private JobListQuery() {}

  /**
   * @throws ProblemException 400 naming the parameter that is wrong; 403 when the caller may not
   *     see every queue and names none of its own
   */
  static JobQuery of(Context ctx, ApiToken caller) {
    Map<String, List<String>> params = ctx.queryParamMap();
    for (Map.Entry<String, List<String>> param : params.entrySet()) {
      if (!PARAMETERS.contains(param.getKey())) {
        throw ProblemException.badRequest(
            param.getKey(),
            "is not a known parameter (expected one of "
                + String.join(", ", PARAMETERS.stream().sorted().toList())
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
    String queue = ctx.queryParam("queue");
    if (queue != null) {
      JobSpec.checkName("queue", queue);
      AccessControl.requireQueue(ctx, queue, "queue");
    } else if (!caller.seesAllQueues()) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "queue",
          caller.describe() + " may list only its own queues; name one with ?queue=");
    }
    String kind = ctx.queryParam("kind");
    if (kind != null) {
      JobSpec.checkName("kind", kind);
    }
    return new JobQuery(
        queue,
        state(ctx.queryParam("state")),
        kind,
        ctx.queryParam("tag"),
        instant("created_from", ctx.queryParam("created_from")),
        instant("created_to", ctx.queryParam("created_to")),
        ctx.queryParam("cursor"),
        limit(ctx.queryParam("limit")));
  }

  private static JobState state(String text) {
    if (text == null) {
      return null;
    }
    try {
      return JobState.fromWire(text);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("state", e.getMessage());
    }
  }

  private static Instant instant(String parameter, String text) {
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

  private static int limit(String text) {
    if (text == null) {
      return JobQuery.DEFAULT_LIMIT;
    }
    try {
      return Integer.parseInt(text); // JobQuery checks the range and names the field
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(
          "limit",
          "must be a whole number from 1 to " + JobQuery.MAX_LIMIT + " (was '" + text + "')");
    }
  }
}
