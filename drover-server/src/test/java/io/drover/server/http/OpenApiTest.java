package io.drover.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.Drover;
import io.drover.server.ApiClient;
import io.drover.server.TestServer;
import io.drover.server.auth.ApiTokens;
import io.drover.server.auth.Permission;
import io.drover.server.config.ConfigLoader;
import io.drover.server.config.ServerConfig;
import io.drover.server.metrics.Metrics;
import io.drover.store.memory.MemoryJobStore;
import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the router agree both ways, down to each route's permission. */
class OpenApiTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  @Test
  void everyDocumentedRouteIsServed_andEveryServedRouteIsDocumented_withItsPermission()
      throws IOException {
    Map<String, String> documented = documentedRoutes();
    Map<String, String> served = servedRoutes();

    assertThat(served).isEqualTo(documented);
  }

  @Test
  void everyRateLimitedRoute_documents429_andNoExemptOneDoes() throws IOException {
    Map<String, Boolean> documents429 = new TreeMap<>();
    Map<String, Boolean> limited = new TreeMap<>();
    for (Operation operation : documentedOperations()) {
      documents429.put(operation.route(), operation.node().path("responses").has("429"));
      limited.put(
          operation.route(),
          !RateLimits.exempt(operation.path(), Set.of(Permission.valueOf(operation.permission()))));
    }

    assertThat(documents429).isEqualTo(limited);
  }

  @Test
  void theDocumentIsServed() {
    try (TestServer server = TestServer.start()) {
      ApiClient.Response response = server.api().get(OpenApiRoute.PATH);

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body().get("openapi").asText()).startsWith("3.");
      assertThat(response.body().get("paths").has("/api/v1/jobs/{id}")).isTrue();
    }
  }

  /** "GET /api/v1/jobs/{id}" to its x-drover-permission. */
  private static Map<String, String> documentedRoutes() throws IOException {
    Map<String, String> routes = new TreeMap<>();
    for (Operation operation : documentedOperations()) {
      routes.put(operation.route(), operation.permission());
    }
    return routes;
  }

  /** One method of one path in the document. */
  private record Operation(String method, String path, JsonNode node) {
    String route() {
      return method.toUpperCase(Locale.ROOT) + " " + path;
    }

    String permission() {
      return node.path("x-drover-permission").asText();
    }
  }

  private static List<Operation> documentedOperations() throws IOException {
    JsonNode document = ApiClient.JSON.readTree(OpenApiRoute.load());
    List<Operation> operations = new ArrayList<>();
    document
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        operation -> {
                          if (METHODS.contains(operation.getKey())) {
                            operations.add(
                                new Operation(
                                    operation.getKey(), path.getKey(), operation.getValue()));
                          }
                        }));
    return operations;
  }

  private static Map<String, String> servedRoutes() {
    InstantSource clock = InstantSource.system();
    ServerConfig config =
        ConfigLoader.load(Map.of(), new HashMap<>(Map.of("DROVER_STORE", "memory")));
    MemoryJobStore store = new MemoryJobStore(clock);
    try (Drover drover = Drover.builder().store(store).build();
        Metrics metrics = new Metrics(store, clock)) {
      Javalin app = HttpApi.create(drover, config, ApiTokens.NONE, metrics, List.of(), clock);
      Map<String, String> routes = new TreeMap<>();
      for (var parsed : app.unsafeConfig().pvt.internalRouter.allHttpHandlers()) {
        Endpoint endpoint = parsed.getEndpoint();
        if (endpoint.getMethod().isHttpMethod()) {
          routes.put(
              endpoint.getMethod() + " " + endpoint.getPath(),
              endpoint.getRoles().stream().map(Object::toString).reduce("", String::concat));
        }
      }
      return routes;
    }
  }
}
