package io.drover.server.http;

import io.drover.server.auth.ApiToken;
import io.drover.server.auth.ApiTokens;
import io.drover.server.auth.Permission;
import io.drover.server.auth.TokenSource;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import io.javalin.security.RouteRole;
import java.util.Locale;
import java.util.Set;

/**
 * Who may call what (DESIGN §8). Runs before every matched route: finds the caller from its bearer
 * token (401 without one or with one the server does not know), checks the route's {@link
 * Permission} against the token's role (403), and leaves the caller on the request so routes can
 * check queues. A server without tokens treats every caller as {@link ApiToken#ANONYMOUS}.
 */
final class AccessControl {
  private static final String CALLER = "drover.caller";
  private static final String BEARER = "bearer ";

  private final TokenSource tokens;

  AccessControl(TokenSource tokens) {
    this.tokens = tokens;
  }

  void addTo(JavalinDefaultRouting router) {
    router.beforeMatched(this::check);
  }

  /** The caller of a request that passed {@link #check}. */
  static ApiToken caller(Context ctx) {
    ApiToken caller = ctx.attribute(CALLER);
    if (caller == null) {
      throw new IllegalStateException("no caller on " + ctx.path() + "; is it a matched route?");
    }
    return caller;
  }

  /**
   * @param field the input that named the queue, for the problem's {@code field}
   * @throws ProblemException 403 when the caller's queues do not include {@code queue}
   */
  static void requireQueue(Context ctx, String queue, String field) {
    ApiToken caller = caller(ctx);
    if (!caller.mayUseQueue(queue)) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN, field, caller.describe() + " may not use queue '" + queue + "'");
    }
  }

  private void check(Context ctx) {
    Permission needed = permissionOf(ctx.routeRoles());
    if (needed == Permission.PUBLIC) {
      return;
    }
    ApiTokens current = tokens.current();
    ApiToken caller = current.enabled() ? authenticate(ctx, current) : ApiToken.ANONYMOUS;
    if (!caller.role().allows(needed)) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN, null, caller.describe() + " may not " + needed.description());
    }
    ctx.attribute(CALLER, caller);
  }

  private static ApiToken authenticate(Context ctx, ApiTokens tokens) {
    String header = ctx.header(Header.AUTHORIZATION);
    if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      ctx.header(Header.WWW_AUTHENTICATE, "Bearer realm=\"drover\"");
      throw new ProblemException(
          HttpStatus.UNAUTHORIZED, null, "send a token: Authorization: Bearer <secret>");
    }
    String secret = header.substring(BEARER.length()).trim();
    return tokens
        .authenticate(secret)
        .orElseThrow(
            () -> {
              ctx.header(
                  Header.WWW_AUTHENTICATE, "Bearer realm=\"drover\", error=\"invalid_token\"");
              return new ProblemException(
                  HttpStatus.UNAUTHORIZED, null, "the token is not one this server knows");
            });
  }

  /** Fails closed: a route that forgot to declare its permission answers nobody. */
  private static Permission permissionOf(Set<RouteRole> roles) {
    if (roles.size() == 1 && roles.iterator().next() instanceof Permission permission) {
      return permission;
    }
    throw new IllegalStateException(
        "a route must declare exactly one Permission (has " + roles + ")");
  }
}
