package io.drover.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.server.auth.Role;
import io.drover.server.config.ConfigException;
import io.drover.server.config.ConfigLoader;
import io.drover.server.config.ServerConfig;
import io.drover.server.config.Setting;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --api-rate}: how it is read, and the one line a bad value stops the server with. */
class ApiRatesTest {

  @Test
  void byDefault_noRoleIsLimited() {
    ApiRates rates = load(Map.of()).http().apiRate();

    assertThat(rates).isEqualTo(ApiRates.OFF);
    assertThat(rates.off()).isTrue();
    assertThat(rates).hasToString("off");
  }

  @Test
  void eachRoleTakesItsRate_starTheRest_offNone() {
    ApiRates rates =
        load(Map.of("DROVER_API_RATE", " producer=500/s:1000, worker=200/m ,*=20/h:40,admin=off"))
            .http()
            .apiRate();

    assertThat(rates.of(Role.PRODUCER)).hasValue(new ApiRate(500, Duration.ofSeconds(1), 1000));
    assertThat(rates.of(Role.WORKER)).hasValue(new ApiRate(200, Duration.ofMinutes(1), 200));
    assertThat(rates.of(Role.VIEWER)).hasValue(new ApiRate(20, Duration.ofHours(1), 40));
    assertThat(rates.of(Role.ADMIN)).isEmpty();
    assertThat(rates).hasToString("producer=500/s:1000,worker=200/m:200,viewer=20/h:40");
  }

  @Test
  void theFlagWinsOverTheVariable() {
    ApiRates rates =
        ConfigLoader.load(
                Map.of(Setting.API_RATE, "viewer=5/s"),
                Map.of("DROVER_STORE", "memory", "DROVER_API_RATE", "viewer=9/s"))
            .http()
            .apiRate();

    assertThat(rates.of(Role.VIEWER)).hasValue(new ApiRate(5, Duration.ofSeconds(1), 5));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          producer          | has a bad entry 'producer': must be ROLE=RATE, e.g. producer=500/s:1000
          producer=5/s,     | has a bad entry '': must be ROLE=RATE, e.g. producer=500/s:1000
          boss=5/s          | has a bad entry 'boss=5/s': role must be one of admin, producer, worker, viewer or * (was 'boss')
          admin=0           | has a bad entry 'admin=0': rate must be N/s, N/m or N/h with an optional :BURST, or off (was '0')
          producer=5/d      | has a bad entry 'producer=5/d': rate must be N/s, N/m or N/h with an optional :BURST, or off (was '5/d')
          producer=5:9/s    | has a bad entry 'producer=5:9/s': rate must be N/s, N/m or N/h with an optional :BURST, or off (was '5:9/s')
          producer=0/s      | has a bad entry 'producer=0/s': requests must be a whole number from 1 to 1000000 (was 0)
          producer=x/s      | has a bad entry 'producer=x/s': requests must be a whole number from 1 to 1000000 (was 'x')
          producer=5/s:0    | has a bad entry 'producer=5/s:0': burst must be a whole number from 1 to 1000000 (was 0)
          viewer=2000000/s  | has a bad entry 'viewer=2000000/s': requests must be a whole number from 1 to 1000000 (was 2000000)
          worker=1/s,worker=off | has a bad entry 'worker=off': role worker is given twice
          """)
  void aBadValue_stopsTheServer_withOneLineNamingTheEntry(String value, String problem) {
    assertThatThrownBy(() -> load(Map.of("DROVER_API_RATE", value)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("DROVER_API_RATE=" + value + ": apiRate " + problem);
  }

  private static ServerConfig load(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("DROVER_STORE", "memory");
    return ConfigLoader.load(Map.of(), all);
  }
}
