package io.drover.server.http;

import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.server.auth.ApiToken;
import io.drover.store.JobQuery;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
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
    ListParams.check(ctx, PARAMETERS);
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
        ListParams.instant(ctx, "created_from"),
        ListParams.instant(ctx, "created_to"),
        ctx.queryParam("cursor"),
        ListParams.limit(ctx));
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
}
