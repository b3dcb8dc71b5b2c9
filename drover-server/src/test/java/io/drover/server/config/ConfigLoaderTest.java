package io.drover.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.server.store.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

  @Test
  void nothingSet_givesTheDefaults() {
    ServerConfig config = ConfigLoader.load(Map.of(), Map.of());

    assertThat(config.store().kind()).isNull();
    assertThat(config.http().host()).isEqualTo("127.0.0.1");
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.store().dataDir()).isEqualTo(Path.of("./drover-data"));
    assertThat(config.worker().concurrency()).isEqualTo(10);
    assertThat(config.worker().lease()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.worker().pollInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.jobs().maxAttempts()).isEqualTo(3);
    assertThat(config.jobs().backoffBase()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.jobs().backoffMax()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.jobs().timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.worker().shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.http().maxPayloadBytes()).isEqualTo(1024 * 1024);
    assertThat(config.log().level()).isEqualTo("INFO");
  }

  @Test
  void flag_beatsDroverVariable_beatsConventionalVariable() {
    Map<String, String> env = Map.of("DROVER_PORT", "9001", "PORT", "9002");

    assertThat(ConfigLoader.load(Map.of(Setting.PORT, "9000"), env).http().port()).isEqualTo(9000);
    assertThat(ConfigLoader.load(Map.of(), env).http().port()).isEqualTo(9001);
    assertThat(ConfigLoader.load(Map.of(), Map.of("PORT", "9002")).http().port()).isEqualTo(9002);
  }

  @Test
  void blankVariables_countAsUnset() {
    ServerConfig config = ConfigLoader.load(Map.of(), Map.of("DROVER_PORT", " ", "PORT", "9002"));

    assertThat(config.http().port()).isEqualTo(9002);
  }

  @Test
  void designTableVariables_areRead_inTheirUnits() {
    ServerConfig config =
        ConfigLoader.load(
            Map.of(),
            Map.ofEntries(
                Map.entry("DROVER_STORE", "Memory"),
                Map.entry("WORKER_CONCURRENCY", "4"),
                Map.entry("WORKER_LEASE_SECONDS", "9"),
                Map.entry("WORKER_POLL_INTERVAL", "250"),
                Map.entry("WORKER_MAX_RETRIES", "5"),
                Map.entry("RETRY_BACKOFF_MS", "100"),
                Map.entry("WORKER_BACKOFF_MAX_DELAY", "2000"),
                Map.entry("STEP_TIMEOUT_MS", "1500"),
                Map.entry("DROVER_SHUTDOWN_GRACE_MS", "0"),
                Map.entry("DROVER_MAX_PAYLOAD_BYTES", "4096"),
                Map.entry("LOG_LEVEL", "debug")));

    assertThat(config.store().kind()).isEqualTo(StoreKind.MEMORY);
    assertThat(config.worker().concurrency()).isEqualTo(4);
    assertThat(config.worker().lease()).isEqualTo(Duration.ofSeconds(9));
    assertThat(config.worker().pollInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.jobs().maxAttempts()).isEqualTo(5);
    assertThat(config.jobs().backoffBase()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.jobs().backoffMax()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.jobs().timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.worker().shutdownGrace()).isZero();
    assertThat(config.http().maxPayloadBytes()).isEqualTo(4096);
    assertThat(config.log().level()).isEqualTo("DEBUG");
  }

  @Test
  void durations_mayCarryAUnit() {
    ServerConfig config =
        ConfigLoader.load(
            Map.of(Setting.LEASE, "2m", Setting.SHUTDOWN_GRACE, "PT5S"),
            Map.of("WORKER_POLL_INTERVAL", "1s"));

    assertThat(config.worker().lease()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.worker().shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.worker().pollInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void anOutOfRangeValue_namesTheSettingAndWhereItCameFrom() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("WORKER_CONCURRENCY", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("WORKER_CONCURRENCY=0: concurrency must be between 1 and 10000 (was 0)");
  }

  @Test
  void anUnreadableValue_namesTheFlag() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(Setting.PORT, "eighty"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--port=eighty: port must be a whole number (was 'eighty')");
  }

  @Test
  void badValues_areRefused() {
    assertRefused(Map.of("DROVER_STORE", "mysql"), "DROVER_STORE=mysql: store must be one of");
    assertRefused(Map.of("LOG_LEVEL", "chatty"), "LOG_LEVEL=chatty: logLevel must be one of");
    assertRefused(Map.of("PORT", "70000"), "PORT=70000: port must be between 0 and 65535");
    assertRefused(Map.of("WORKER_LEASE_SECONDS", "0"), "WORKER_LEASE_SECONDS=0: lease");
    assertRefused(Map.of("WORKER_POLL_INTERVAL", "soon"), "WORKER_POLL_INTERVAL=soon:");
    assertRefused(
        Map.of("RETRY_BACKOFF_MS", "90000"),
        "backoffMax must be at least backoffBase (was 60000 ms, base 90000 ms)");
    assertRefused(
        Map.of("DROVER_MAX_PAYLOAD_BYTES", "2000000"),
        "DROVER_MAX_PAYLOAD_BYTES=2000000: maxPayloadBytes must be between 2 and 1048576");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "WORKER_LEASE_SECONDS|7200|lease must be at most 1h (was 2h)",
        "WORKER_BACKOFF_MAX_DELAY|106751991167d|backoffMax must be at most 30d (was 106751991167d)",
        "STEP_TIMEOUT_MS|999999999999999|jobTimeout must be at most 7d (was 999999999999999ms)",
        "WORKER_POLL_INTERVAL|2h|pollInterval must be at most 1h (was 2h)",
        "DROVER_SHUTDOWN_GRACE_MS|2h|shutdownGrace must be at most 1h (was 2h)",
        "SCHEDULER_MISFIRE_GRACE_TIME|8d|misfireGrace must be at most 7d (was 8d)",
        "DROVER_OLDEST_AGE_WARN_SECONDS|30d|oldestAgeWarn must be at most 7d (was 30d)"
      })
  void aDurationPastItsBound_isRefused_namingTheBound(
      String variable, String value, String problem) {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of(variable, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(variable + "=" + value + ": " + problem);
  }

  private static void assertRefused(Map<String, String> env, String messageStart) {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(messageStart);
  }

  @Test
  void postgresSettings_haveDefaults_andComeFromFlagsAndVariables() {
    ServerConfig defaults = ConfigLoader.load(Map.of(), Map.of());
    assertThat(defaults.store().poolSize()).isEqualTo(10);
    assertThat(defaults.store().schema()).isEqualTo("drover");
    assertThat(defaults.store().migrate()).isTrue();

    ServerConfig set =
        ConfigLoader.load(
            Map.of(Setting.MIGRATE, "false", Setting.POOL_SIZE, "3"),
            Map.of("DROVER_SCHEMA", "jobs_eu", "DROVER_MIGRATE", "true"));
    assertThat(set.store().poolSize()).isEqualTo(3);
    assertThat(set.store().schema()).isEqualTo("jobs_eu");
    assertThat(set.store().migrate()).as("--no-migrate beats DROVER_MIGRATE").isFalse();
    assertThat(ConfigLoader.load(Map.of(), Map.of("DROVER_MIGRATE", "FALSE")).store().migrate())
        .isFalse();
  }

  @Test
  void badPostgresSettings_nameTheSettingAndItsSource() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("DROVER_POOL_SIZE", "0")))
        .hasMessage("DROVER_POOL_SIZE=0: poolSize must be between 1 and 1000 (was 0)");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("DROVER_SCHEMA", "Jobs-EU")))
        .hasMessageStartingWith("DROVER_SCHEMA=Jobs-EU: schema must be 1-51 lower-case letters");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("DROVER_MIGRATE", "maybe")))
        .hasMessage("DROVER_MIGRATE=maybe: migrate must be true or false (was 'maybe')");
  }
}
