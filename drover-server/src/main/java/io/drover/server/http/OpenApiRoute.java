package io.drover.server.http;

import io.drover.server.auth.Permission;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3 description of every route, a resource written by
 * hand next to this class (a test checks it against the router both ways).
 */
final class OpenApiRoute {
  static final String PATH = "/api/v1/openapi.json";
  static final String RESOURCE = "openapi.json";

  private OpenApiRoute() {}

  static void addTo(JavalinDefaultRouting router) {
    byte[] document = load();
    router.get(
        PATH,
        ctx -> ctx.status(HttpStatus.OK).contentType("application/json").result(document),
        Permission.READ);
  }

  static byte[] load() {
    try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the jar lacks " + RESOURCE + " beside " + OpenApiRoute.class);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
