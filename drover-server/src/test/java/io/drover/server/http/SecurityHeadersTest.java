package io.drover.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

  @Test
  void everyAnswer_carriesTheSecurityHeaders_errorsIncluded() {
    try (TestServer server = TestServer.start()) {
      for (Response response :
          new Response[] {
            server.api().get("/health"),
            server.api().get("/api/v1/queues"),
            server.api().get("/api/v1/nothing-here"),
            server.api().postJson("/api/v1/jobs", "{")
          }) {
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.header("Content-Security-Policy"))
            .contains("default-src 'none'", "frame-ancestors 'none'");
      }
    }
  }

  @Test
  void cors_isOffUnlessOriginsAreListed() {
    try (TestServer server = TestServer.start()) {
      Response response =
          server
              .api()
              .request("GET", "/api/v1/queues", Map.of("Origin", "https://evil.example"), null);

      assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }
  }

  @Test
  void listedOrigins_getCorsAnswers_andOthersDoNot() {
    try (TestServer server =
        TestServer.start(Map.of("DROVER_CORS_ORIGINS", "https://ops.example.com"))) {
      Response preflight =
          server
              .api()
              .request(
                  "OPTIONS",
                  "/api/v1/jobs",
                  Map.of(
                      "Origin", "https://ops.example.com",
                      "Access-Control-Request-Method", "POST",
                      "Access-Control-Request-Headers", "authorization,content-type"),
                  null);
      Response other =
          server
              .api()
              .request("GET", "/api/v1/queues", Map.of("Origin", "https://evil.example"), null);

      assertThat(preflight.status()).isEqualTo(200);
      assertThat(preflight.header("Access-Control-Allow-Origin"))
          .isEqualTo("https://ops.example.com");
      assertThat(preflight.header("Access-Control-Allow-Headers")).contains("authorization");
      assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }
  }
}
