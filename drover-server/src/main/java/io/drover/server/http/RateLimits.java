package io.drover.server.http;

import io.drover.server.auth.ApiToken;
import io.drover.server.auth.Permission;
import io.drover.server.ratelimit.ApiRate;
import io.drover.server.ratelimit.ApiRates;
import io.drover.server.ratelimit.RateLimiter;
import io.drover.server.ratelimit.Verdict;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import io.javalin.security.RouteRole;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests per caller (issue 14): each token, or each client address on a server without tokens,
 * has a bucket of its role's rate. Runs after {@link AccessControl}, before the route: a request
 * over the rate is a 429 with {@code Retry-After} and has done nothing. Answers of limited callers
 * carry {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} (the IETF
 * httpapi-ratelimit-headers draft's fields).
 *
 * <p>The probes ({@code /health}, {@code /health/ready}) and {@code /metrics} are never limited:
 * orchestrators and scrapers call them on schedules of their own, and a 429 there would read as an
 * outage (a restarted pod, a gap in the graphs) just when a flood makes them matter.
 */
final class RateLimits {
  private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

  static final String LIMIT = "RateLimit-Limit";
  static final String REMAINING = "RateLimit-Remaining";
  static final String RESET = "RateLimit-Reset";

  /** What a browser script may read of an answer, when CORS lets it call. */
  static final List<String> HEADERS = List.of(LIMIT, REMAINING, RESET, Header.RETRY_AFTER);

  /** Routes never limited beyond those anyone may call: the scrapers'. */
  private static final Set<String> EXEMPT_PATHS = Set.of("/metrics");

  private final ApiRates rates;
  private final RateLimiter limiter;

  RateLimits(ApiRates rates, RateLimiter limiter) {
    this.rates = rates;
    this.limiter = limiter;
  }

  /** Whether requests to the route of {@code path}, needing {@code roles}, are never limited. */
  static boolean exempt(String path, Set<? extends RouteRole> roles) {
    return roles.contains(Permission.PUBLIC) || EXEMPT_PATHS.contains(path);
  }

  void addTo(JavalinDefaultRouting router) {
    if (!rates.off()) {
      router.beforeMatched(this::check);
    }
  }

  private void check(Context ctx) {
    if (exempt(ctx.endpointHandlerPath(), ctx.routeRoles())) {
      return;
    }
    ApiToken caller = AccessControl.caller(ctx);
    Optional<ApiRate> rate = rates.of(caller.role());
    if (rate.isEmpty()) {
      return;
    }
    // A token is known by its name, never its secret; without tokens, by the client's address.
    String who =
        caller == ApiToken.ANONYMOUS
            ? "client " + ctx.ip()
            : "token '" + caller.name() + "' (role " + caller.role().wireName() + ")";
    Verdict verdict = limiter.take(who, rate.get());
    ctx.header(LIMIT, String.valueOf(verdict.limit()));
    ctx.header(REMAINING, String.valueOf(verdict.remaining()));
    ctx.header(RESET, String.valueOf(verdict.resetSeconds()));
    if (!verdict.allowed()) {
      log.atDebug()
          .setMessage("rate limited: {} {}")
          .addArgument(ctx.method())
          .addArgument(ctx.path())
          .addKeyValue("caller", who)
          .addKeyValue("retry_after_s", verdict.retryAfterSeconds())
          .log();
      ctx.header(Header.RETRY_AFTER, String.valueOf(verdict.retryAfterSeconds()));
      throw new ProblemException(
          HttpStatus.TOO_MANY_REQUESTS,
          null,
          who
              + " is over its rate limit ("
              + rate.get().describe()
              + "); retry in "
              + verdict.retryAfterSeconds()
              + " s");
    }
  }
}
