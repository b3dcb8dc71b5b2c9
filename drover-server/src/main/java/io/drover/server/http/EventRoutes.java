package io.drover.server.http;

import io.drover.InvalidJobException;
import io.drover.events.EventChannel;
import io.drover.events.JobEvent;
import io.drover.server.auth.ApiToken;
import io.drover.server.auth.Permission;
import io.drover.store.QueuePattern;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/events}: job events as Server-Sent Events, from every process sharing the
 * store, filtered by queue patterns and job id, and always by the caller's own queues.
 */
final class EventRoutes {
  private static final Set<String> PARAMETERS = Set.of("queue", "job_id");
  private static final String EVENT_STREAM = "text/event-stream";

  private final EventChannel channel;

  EventRoutes(EventChannel channel) {
    this.channel = channel;
  }

  void addTo(JavalinDefaultRouting router) {
    // A plain GET route checks the query first, so a bad filter is a 400 problem rather than a
    // stream that opens and says nothing; the stream itself starts only once the filter holds.
    router.get("/api/v1/events", this::open, Permission.READ);
  }

  private void open(Context ctx) throws IOException {
    Predicate<JobEvent> filter = filter(ctx, AccessControl.caller(ctx));
    // Javalin's SseHandler streams only for an Accept of exactly text/event-stream and answers an
    // empty 200 to anything else, so curl (Accept: */*) heard nothing: negotiate here instead.
    if (!AcceptHeader.allows(ctx.header(Header.ACCEPT), EVENT_STREAM)) {
      throw new ProblemException(
          HttpStatus.NOT_ACCEPTABLE,
          Header.ACCEPT,
          "this route sends only " + EVENT_STREAM + " (was '" + ctx.header(Header.ACCEPT) + "')");
    }
    ctx.status(HttpStatus.OK)
        .contentType(EVENT_STREAM + "; charset=utf-8")
        .header(Header.CACHE_CONTROL, "no-cache")
        .header(Header.CONNECTION, "close")
        .header("X-Accel-Buffering", "no"); // proxies such as nginx: pass each event on at once
    ctx.res().flushBuffer(); // the client sees the stream open before any event
    ctx.async(
        config -> config.timeout = 0, // a stream lasts until the client leaves
        () -> EventStream.start(new SseClient(ctx), channel, filter));
  }

  private static Predicate<JobEvent> filter(Context ctx, ApiToken caller) {
    for (Map.Entry<String, List<String>> param : ctx.queryParamMap().entrySet()) {
      if (!PARAMETERS.contains(param.getKey())) {
        throw ProblemException.badRequest(
            param.getKey(), "is not a known parameter (expected job_id or queue)");
      }
    }
    List<QueuePattern> queues =
        ctx.queryParams("queue").stream().map(EventRoutes::pattern).toList();
    UUID jobId = jobId(ctx.queryParam("job_id"));
    // A run spans queues: its events go to streams that watch every queue, as runs are listed.
    return event ->
        (event.type().isRunEvent()
                ? caller.seesAllQueues() && queues.isEmpty()
                : caller.mayUseQueue(event.queue())
                    && (queues.isEmpty() || QueuePattern.anyMatches(queues, event.queue())))
            && (jobId == null || jobId.equals(event.jobId()));
  }

  private static QueuePattern pattern(String text) {
    try {
      return QueuePattern.of(text);
    } catch (InvalidJobException e) {
      throw ProblemException.badRequest("queue", "'" + text + "' is not a queue name or glob");
    }
  }

  private static UUID jobId(String text) {
    if (text == null) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("job_id", "is not a job id (a UUID)");
    }
  }
}
