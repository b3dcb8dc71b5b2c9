package io.drover.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.store.QueuePattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of auth, CORS, health thresholds, outbound HTTP, queues and the log format. */
class ApiSettingsTest {

  @Test
  void nothingSet_givesTheSafeDefaults() {
    ServerConfig config = ConfigLoader.load(Map.of(), Map.of());

    assertThat(config.http().tokensFile()).isNull();
    assertThat(config.http().corsOrigins()).isEmpty();
    assertThat(config.worker().httpAllowHosts()).containsExactly("localhost", "127.0.0.1", "::1");
    assertThat(config.health().backlogWarn()).isEqualTo(10_000);
    assertThat(config.health().oldestAgeWarn()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.worker().queues()).extracting(QueuePattern::text).containsExactly("*");
    assertThat(config.log().format()).isEqualTo("text");
  }

  @Test
  void everySetting_isReadFromItsVariables() {
    ServerConfig config =
        ConfigLoader.load(
            Map.of(),
            Map.of(
                "DROVER_TOKENS_FILE", "/etc/drover/tokens.json",
                "DROVER_CORS_ORIGINS", "https://ops.example.com, http://localhost:3000",
                "DROVER_HTTP_ALLOW_HOSTS", "*.example.com,api.stripe.com",
                "DROVER_BACKLOG_WARN", "500",
                "DROVER_OLDEST_AGE_WARN_SECONDS", "90",
                "DROVER_QUEUES", "email, scrape.*",
                "LOG_FORMAT", "JSON",
                "HOST", "::1"));

    assertThat(config.http().tokensFile()).isEqualTo(Path.of("/etc/drover/tokens.json"));
    assertThat(config.http().corsOrigins())
        .containsExactly("https://ops.example.com", "http://localhost:3000");
    assertThat(config.worker().httpAllowHosts()).containsExactly("*.example.com", "api.stripe.com");
    assertThat(config.health().backlogWarn()).isEqualTo(500);
    assertThat(config.health().oldestAgeWarn()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.worker().workerConfig().queues())
        .extracting(QueuePattern::text)
        .containsExactly("email", "scrape.*");
    assertThat(config.log().format()).isEqualTo("json");
    assertThat(config.http().host()).isEqualTo("::1");
  }

  @Test
  void badValues_areRefusedNamingTheSettingAndSource() {
    assertRefused(
        Map.of("DROVER_CORS_ORIGINS", "ops.example.com/path"),
        "DROVER_CORS_ORIGINS=ops.example.com/path: corsOrigins must be origins like");
    assertRefused(
        Map.of("DROVER_CORS_ORIGINS", "https://ops.example.com/app"),
        "DROVER_CORS_ORIGINS=https://ops.example.com/app: corsOrigins must be origins");
    assertRefused(
        Map.of("DROVER_HTTP_ALLOW_HOSTS", "exa mple.com"),
        "DROVER_HTTP_ALLOW_HOSTS=exa mple.com: httpAllowHosts must be host names");
    assertRefused(
        Map.of("DROVER_HTTP_ALLOW_HOSTS", ","),
        "DROVER_HTTP_ALLOW_HOSTS=,: httpAllowHosts must name at least one host");
    assertRefused(
        Map.of("DROVER_BACKLOG_WARN", "0"), "DROVER_BACKLOG_WARN=0: backlogWarn must be between 1");
    assertRefused(
        Map.of("DROVER_OLDEST_AGE_WARN_SECONDS", "0"),
        "DROVER_OLDEST_AGE_WARN_SECONDS=0: oldestAgeWarn must be at least 1000 ms");
    assertRefused(Map.of("LOG_FORMAT", "xml"), "LOG_FORMAT=xml: logFormat must be text or json");
    assertRefused(Map.of("DROVER_QUEUES", " , "), "DROVER_QUEUES= , : queues must name at least");
  }

  private static void assertRefused(Map<String, String> env, String messageStart) {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(messageStart);
  }
}
