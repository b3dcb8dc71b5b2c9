package io.drover.server.http;

import io.drover.Drover;
import io.javalin.Javalin;
import java.time.InstantSource;

/** The REST API of DESIGN §7 that exists so far, as one Javalin app (not yet listening). */
public final class HttpApi {
  /** Room in a request body for a job's other fields around one payload of the maximum size. */
  public static final int BODY_OVERHEAD_BYTES = 64 * 1024;

  private HttpApi() {}

  /**
   * @param maxPayloadBytes the largest payload accepted; bodies may be {@link #BODY_OVERHEAD_BYTES}
   *     larger
   */
  public static Javalin create(Drover drover, int maxPayloadBytes, InstantSource clock) {
    int bodyLimit = maxPayloadBytes + BODY_OVERHEAD_BYTES;
    JobRoutes jobs =
        new JobRoutes(
            drover, new JobSpecParser(drover.jobDefaults(), maxPayloadBytes, clock), bodyLimit);
    QueueRoutes queues = new QueueRoutes(drover.store(), clock);
    return Javalin.create(
        config -> {
          config.showJavalinBanner = false;
          config.useVirtualThreads = true;
          config.http.prefer405over404 = true;
          config.http.maxRequestSize = bodyLimit;
          config.router.mount(
              router -> {
                ProblemHandler.addTo(router);
                jobs.addTo(router);
                queues.addTo(router);
                HealthRoutes.addTo(router);
              });
        });
  }
}
