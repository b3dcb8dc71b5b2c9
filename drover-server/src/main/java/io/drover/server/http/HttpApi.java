package io.drover.server.http;

import io.drover.Drover;
import io.drover.server.auth.TokenSource;
import io.drover.server.config.ServerConfig;
import io.drover.server.health.HealthCheck;
import io.drover.server.health.LimitsCheck;
import io.drover.server.health.MemoryCheck;
import io.drover.server.health.QueuesCheck;
import io.drover.server.health.SpoolCheck;
import io.drover.server.health.StoreCheck;
import io.drover.server.health.WorkersCheck;
import io.drover.server.metrics.Metrics;
import io.drover.server.ratelimit.RateLimiter;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** The REST API of DESIGN §7 that exists so far, as one Javalin app (not yet listening). */
public final class HttpApi {
  /** Room in a request body for a job's other fields around one payload of the maximum size. */
  public static final int BODY_OVERHEAD_BYTES = 64 * 1024;

  private HttpApi() {}

  /**
   * @param extraChecks health checks beyond the store, workers, queues and memory ones, e.g. a
   *     store's own
   */
  public static Javalin create(
      Drover drover,
      ServerConfig config,
      TokenSource tokens,
      Metrics metrics,
      List<HealthCheck> extraChecks,
      InstantSource clock) {
    int bodyLimit = config.http().maxPayloadBytes() + BODY_OVERHEAD_BYTES;
    JobSpecParser jobSpecs =
        new JobSpecParser(drover.jobDefaults(), config.http().maxPayloadBytes(), clock);
    JobRoutes jobs = new JobRoutes(drover, jobSpecs, bodyLimit, metrics.jobs()::enqueued);
    RunSpecParser plans = new RunSpecParser(jobSpecs, config.http().maxRunSteps());
    RunRoutes runs = new RunRoutes(drover.store(), plans, bodyLimit);
    QueueRoutes queues = new QueueRoutes(drover.store(), clock);
    LimitRoutes limits = new LimitRoutes(drover.store(), bodyLimit);
    ScheduleRoutes schedules =
        new ScheduleRoutes(drover, config.schedules().parser(), clock, bodyLimit);
    StoreCheck store = new StoreCheck(drover.store(), drover.spool().isPresent());
    WorkersCheck workers =
        new WorkersCheck(drover.store(), config.worker().workerConfig().heartbeatInterval(), clock);
    List<HealthCheck> checks = new ArrayList<>(List.of(store, workers));
    checks.add(
        new QueuesCheck(
            drover.store(), config.health().backlogWarn(), config.health().oldestAgeWarn(), clock));
    if (drover.store().supportsLimits()) {
      checks.add(new LimitsCheck(drover.store(), config.health().oldestAgeWarn(), clock));
    }
    drover.spool().ifPresent(spool -> checks.add(new SpoolCheck(spool)));
    checks.add(new MemoryCheck());
    checks.addAll(extraChecks);
    HealthRoutes health = new HealthRoutes(List.of(store), checks);
    WorkerRoutes workerRoutes = new WorkerRoutes(drover.store(), workers, clock);
    LeaseRoutes leases =
        new LeaseRoutes(drover.store(), config, metrics.jobs(), clock, bodyLimit, plans);
    EventRoutes events = new EventRoutes(drover.events());
    AccessControl access = new AccessControl(tokens);
    RateLimits rateLimits = new RateLimits(config.http().apiRate(), new RateLimiter(clock));
    return Javalin.create(
        javalin -> {
          javalin.showJavalinBanner = false;
          javalin.useVirtualThreads = true;
          javalin.http.prefer405over404 = true;
          javalin.http.maxRequestSize = bodyLimit;
          enableCors(javalin, config.http().corsOrigins());
          javalin.router.mount(
              router -> {
                ProblemHandler.addTo(router);
                SecurityHeaders.addTo(router);
                access.addTo(router);
                rateLimits.addTo(router);
                jobs.addTo(router);
                runs.addTo(router);
                queues.addTo(router);
                schedules.addTo(router);
                limits.addTo(router);
                workerRoutes.addTo(router);
                leases.addTo(router);
                events.addTo(router);
                health.addTo(router);
                MetricsRoute.addTo(router, metrics);
                OpenApiRoute.addTo(router);
              });
        });
  }

  /** Off unless origins are listed: browsers then refuse other sites' scripts the API's answers. */
  private static void enableCors(JavalinConfig javalin, List<String> origins) {
    if (origins.isEmpty()) {
      return;
    }
    javalin.bundledPlugins.enableCors(
        cors ->
            cors.addRule(
                rule -> {
                  if (origins.contains("*")) {
                    rule.anyHost();
                  } else {
                    rule.allowHost(
                        origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
                  }
                  rule.exposeHeader("Location");
                  RateLimits.HEADERS.forEach(rule::exposeHeader);
                }));
  }
}
