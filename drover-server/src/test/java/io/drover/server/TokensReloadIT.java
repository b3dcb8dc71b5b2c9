package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.server.auth.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running server takes a rotated secret on SIGHUP, and keeps running. */
class TokensReloadIT {
  @TempDir Path dir;

  @Test
  void sighup_readsTheTokensFileAgain() throws Exception {
    TestTokens tokens = TestTokens.write(dir);
    String rotated = Secrets.newSecret();
    try (ServerProcess server =
        ServerProcess.start(
            dir.resolve("data"), SqliteFiles.logFile("tokens-reload"), tokens.setting())) {
      assertThat(status(server, tokens.secret("viewer"))).isEqualTo(200);
      // An edit the server's own check cannot see (same size, same time, same file): only SIGHUP.
      FileTime modified = Files.getLastModifiedTime(tokens.file());
      Files.writeString(
          tokens.file(),
          Files.readString(tokens.file())
              .replace(Secrets.sha256Hex(tokens.secret("viewer")), Secrets.sha256Hex(rotated)));
      Files.setLastModifiedTime(tokens.file(), modified);

      server.hangUp();

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(status(server, rotated)).isEqualTo(200));
      assertThat(status(server, tokens.secret("viewer"))).isEqualTo(401);
      assertThat(server.output()).contains("auth: tokens file read again");
    }
  }

  private static int status(ServerProcess server, String secret) {
    return server.api().withToken(secret).get("/api/v1/queues").status();
  }
}
