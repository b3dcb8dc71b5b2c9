package io.drover.server.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every check at once, each on its own virtual thread, and waits for them up to a deadline, so
 * a hung store cannot hang the health endpoint past a load balancer's probe timeout. The overall
 * status is the worst of the components'.
 *
 * @param status {@code ok}, {@code degraded} or {@code down}
 * @param results per check, in the order the checks were given
 */
public record HealthReport(HealthStatus status, Map<String, HealthResult> results) {
  /** Short enough for the common probe timeouts (5-10 s), long enough for a busy store. */
  public static final Duration DEADLINE = Duration.ofSeconds(4);

  /** Runs {@code checks} and waits at most {@link #DEADLINE} in all. */
  public static HealthReport run(List<HealthCheck> checks) {
    return run(checks, DEADLINE);
  }

  /** Runs {@code checks} and waits at most {@code deadline} in all. */
  static HealthReport run(List<HealthCheck> checks, Duration deadline) {
    // Not closed with try-with-resources: close() would wait for a check stuck past the deadline.
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    try {
      List<Future<HealthResult>> running = new ArrayList<>();
      for (HealthCheck check : checks) {
        running.add(threads.submit(check::check));
      }
      long until = System.nanoTime() + deadline.toNanos();
      Map<String, HealthResult> results = new LinkedHashMap<>();
      HealthStatus overall = HealthStatus.OK;
      for (int i = 0; i < checks.size(); i++) {
        HealthCheck check = checks.get(i);
        HealthResult result = await(check, running.get(i), until, deadline);
        results.put(check.name(), result);
        overall = overall.worse(result.status());
      }
      return new HealthReport(overall, results);
    } finally {
      threads.shutdownNow(); // interrupts checks past the deadline instead of waiting for them
    }
  }

  private static HealthResult await(
      HealthCheck check, Future<HealthResult> future, long until, Duration deadline) {
    try {
      return future.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return failed(check, "no answer within " + deadline.toMillis() + " ms");
    } catch (ExecutionException e) {
      return failed(check, "the check failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(check, "interrupted");
    }
  }

  private static HealthResult failed(HealthCheck check, String message) {
    return new HealthResult(
        check.critical() ? HealthStatus.DOWN : HealthStatus.DEGRADED, message, Map.of());
  }
}
