package io.drover.server.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.server.TestTokens;
import io.drover.server.config.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackGuardTest {
  @TempDir Path dir;

  @Test
  void withoutTokens_loopbackAddressesAreFine() {
    for (String host : new String[] {"127.0.0.1", "localhost", "::1", "127.0.0.2"}) {
      assertThatCode(() -> LoopbackGuard.check(host, ApiTokens.NONE))
          .as(host)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void withoutTokens_everyOtherAddressIsRefused_sayingWhyAndHowToFixIt() {
    for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10"}) {
      assertThatThrownBy(() -> LoopbackGuard.check(host, ApiTokens.NONE))
          .as(host)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("is not a loopback address")
          .hasMessageContaining("--tokens-file")
          .hasMessageContaining("drover tokens create");
    }
  }

  @Test
  void withTokens_anyAddressIsFine() {
    ApiTokens tokens = TokenFile.load(TestTokens.write(dir).file());

    assertThatCode(() -> LoopbackGuard.check("0.0.0.0", tokens)).doesNotThrowAnyException();
  }
}
