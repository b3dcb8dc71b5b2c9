package io.drover.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.Drover;
import io.drover.JobSpec;
import io.drover.schedule.JobTemplate;
import io.drover.schedule.Schedule;
import io.drover.schedule.ScheduleStore;
import io.drover.server.auth.Permission;
import io.drover.server.schedule.ScheduleParser;
import io.drover.server.schedule.ScheduleView;
import io.drover.store.Enqueued;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Schedules: {@code PUT /api/v1/schedules/{name}} creates or replaces one (keeping where it stands
 * when its timing is unchanged), {@code GET} lists them or shows one with its next fire times, and
 * pause, resume, trigger (fire now, once) and delete act on one. A caller sees and changes only
 * schedules whose job goes to a queue of its own.
 */
final class ScheduleRoutes {
  private static final String ONE = "/api/v1/schedules/{name}";

  private final Drover drover;
  private final ScheduleParser parser;
  private final InstantSource clock;
  private final int bodyLimit;

  ScheduleRoutes(Drover drover, ScheduleParser parser, InstantSource clock, int bodyLimit) {
    this.drover = drover;
    this.parser = parser;
    this.clock = clock;
    this.bodyLimit = bodyLimit;
  }

  void addTo(JavalinDefaultRouting router) {
    router.get("/api/v1/schedules", this::list, Permission.READ);
    router.put(ONE, this::put, Permission.MANAGE);
    router.get(ONE, this::show, Permission.READ);
    router.delete(ONE, this::delete, Permission.MANAGE);
    router.post(ONE + "/pause", ctx -> setPaused(ctx, true), Permission.MANAGE);
    router.post(ONE + "/resume", ctx -> setPaused(ctx, false), Permission.MANAGE);
    router.post(ONE + "/trigger", this::trigger, Permission.MANAGE);
  }

  private ScheduleStore schedules() {
    return drover.store().schedules();
  }

  private void list(Context ctx) {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("schedules");
    for (Schedule schedule : schedules().schedules()) {
      if (AccessControl.caller(ctx).mayUseQueue(schedule.job().queue())) {
        list.add(ScheduleView.of(schedule));
      }
    }
    Json.send(ctx, HttpStatus.OK, body);
  }

  private void put(Context ctx) {
    String name = JobSpec.checkName("name", ctx.pathParam("name"));
    Instant now = clock.instant();
    Schedule definition = parser.parse(Json.parse(RequestBody.readJson(ctx, bodyLimit)), name, now);
    AccessControl.requireQueue(ctx, definition.job().queue(), "job.queue");
    Schedule existing = schedules().schedule(name).orElse(null);
    if (existing != null) {
      AccessControl.requireQueue(ctx, existing.job().queue(), "job.queue");
    }
    Schedule saved = existing == null ? definition : existing.redefinedAs(definition, now);
    schedules().saveSchedule(saved);
    Json.send(ctx, existing == null ? HttpStatus.CREATED : HttpStatus.OK, ScheduleView.of(saved));
  }

  private void show(Context ctx) {
    Json.send(ctx, HttpStatus.OK, ScheduleView.of(visible(ctx)));
  }

  private void delete(Context ctx) {
    Schedule schedule = visible(ctx);
    schedules().deleteSchedule(schedule.name());
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private void setPaused(Context ctx, boolean paused) {
    Schedule schedule = visible(ctx);
    schedules().pauseSchedule(schedule.name(), paused);
    Json.send(ctx, HttpStatus.OK, ScheduleView.of(visible(ctx)));
  }

  /** Fires once now, outside the trigger: the schedule's own next fire is left as it was. */
  private void trigger(Context ctx) {
    Schedule schedule = visible(ctx);
    JobTemplate template = schedule.job();
    Enqueued enqueued =
        drover.enqueue(template.toSpec(schedule.name(), clock.instant(), drover.jobDefaults()));
    ObjectNode body = Json.object();
    body.put("id", enqueued.id().toString());
    body.put("created", enqueued.created());
    Json.send(ctx, enqueued.created() ? HttpStatus.CREATED : HttpStatus.OK, body);
  }

  private Schedule visible(Context ctx) {
    String name = JobSpec.checkName("name", ctx.pathParam("name"));
    Schedule schedule =
        schedules()
            .schedule(name)
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.NOT_FOUND, "name", "no schedule named '" + name + "'"));
    AccessControl.requireQueue(ctx, schedule.job().queue(), "job.queue");
    return schedule;
  }
}
