package io.drover.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table of settings: each has names of its own and reads its text in its own unit. */
class SettingTest {

  @Test
  void everySetting_hasAKeyFlagAndVariableNoOtherHas() {
    Set<String> names = new HashSet<>();
    for (Setting<?> setting : Setting.values()) {
      assertThat(names.add(setting.key())).as("key %s", setting.key()).isTrue();
      assertThat(names.add(setting.flag())).as("flag %s", setting.flag()).isTrue();
      assertThat(names.add(setting.droverEnv())).as("variable %s", setting.droverEnv()).isTrue();
      assertThat(setting.droverEnv()).startsWith("DROVER_");
      assertThat(setting.description()).contains("Default: ");
    }
  }

  @Test
  void aSetting_readsItsTextInItsOwnUnit() {
    assertThat(Setting.LEASE.parse("9")).isEqualTo(Duration.ofSeconds(9));
    assertThat(Setting.POLL_INTERVAL.parse("9")).isEqualTo(Duration.ofMillis(9));
    assertThat(Setting.SPOOL_MAX_BYTES.parse("5000000000")).isEqualTo(5_000_000_000L);
    assertThatThrownBy(() -> Setting.PORT.parse("5000000000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must be a whole number (was '5000000000')");
  }
}
