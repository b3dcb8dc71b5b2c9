package io.drover.server.http;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

/**
 * Headers every answer carries, errors included. The API serves JSON and text only, so the content
 * policy allows nothing to load or frame it, and no answer may be cached: jobs change by the second
 * and may carry data a shared cache must not keep.
 */
final class SecurityHeaders {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private SecurityHeaders() {}

  static void addTo(JavalinDefaultRouting router) {
    router.before(SecurityHeaders::set);
  }

  private static void set(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("Cache-Control", "no-store");
  }
}
