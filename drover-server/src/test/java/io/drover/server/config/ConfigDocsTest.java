package io.drover.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table stays complete as settings are added. */
class ConfigDocsTest {

  @Test
  void readme_namesEverySettingsFlagAndVariables() throws IOException {
    // Tests run in the module directory; the README is at the repository root.
    String readme = Files.readString(Path.of("..", "README.md"));

    for (Setting<?> setting : Setting.values()) {
      assertThat(readme).as("README row for %s", setting).contains("`" + setting.flag() + "`");
      assertThat(readme).contains("`" + setting.droverEnv() + "`");
      if (setting.conventionalEnv() != null) {
        assertThat(readme).contains("`" + setting.conventionalEnv() + "`");
      }
    }
  }
}
