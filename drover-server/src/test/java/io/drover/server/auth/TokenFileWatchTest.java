package io.drover.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class TokenFileWatchTest {
  private static final Duration WITHIN = TokenFileWatch.CHECK_INTERVAL.multipliedBy(5);

  @TempDir Path dir;

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Path file;
  private String ops;

  @BeforeEach
  void writeOneToken() throws IOException {
    ((Logger) LoggerFactory.getLogger(TokenFileWatch.class)).addAppender(logged);
    logged.start();
    file = dir.resolve("tokens.json");
    ops = Secrets.newSecret();
    replace(entry("ops", "admin", ops));
  }

  @AfterEach
  void stopCapturing() {
    ((Logger) LoggerFactory.getLogger(TokenFileWatch.class)).detachAppender(logged);
  }

  @Test
  void anEdit_isReadAgain_withinTheCheckInterval() throws IOException {
    try (TokenFileWatch watch = TokenFileWatch.start(file)) {
      String ci = Secrets.newSecret();
      replace(entry("ci", "producer", ci));

      await().atMost(WITHIN).until(() -> watch.current().authenticate(ci).isPresent());
      assertThat(watch.current().authenticate(ops)).as("revoked").isEmpty();
      assertThat(watch.current().size()).isEqualTo(1);
    }
  }

  @Test
  void aBrokenEdit_keepsTheTokensReadBefore_andLogsOneError() throws IOException {
    try (TokenFileWatch watch = TokenFileWatch.start(file)) {
      replace("[{\"name\": \"ops\", \"role\": \"root\", \"queues\": [\"*\"], \"sha256\": \"x\"}]");

      await().atMost(WITHIN).until(() -> errors().size() == 1);
      // Several more checks of the unchanged broken file: no second error.
      await()
          .during(TokenFileWatch.CHECK_INTERVAL.multipliedBy(3))
          .atMost(WITHIN)
          .until(() -> errors().size() == 1);
      assertThat(errors().getFirst().getFormattedMessage())
          .isEqualTo(
              "auth: tokens file not read again, keeping the 1 tokens read before: tokensFile "
                  + file
                  + ": [0].role must be one of admin, producer, worker, viewer (was 'root')");
      assertThat(watch.current().authenticate(ops)).isPresent();
    }
  }

  @Test
  void reload_readsAnEditTheCheckCannotSee() throws IOException {
    try (TokenFileWatch watch = TokenFileWatch.start(file)) {
      // Same size, same modification time, same file: only an explicit reload (SIGHUP) sees it.
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      String rotated = Secrets.newSecret();
      Files.writeString(file, entry("ops", "admin", rotated));
      Files.setLastModifiedTime(file, modified);
      assertThat(Files.size(file)).isEqualTo(size);

      watch.reload();

      assertThat(watch.current().authenticate(rotated)).isPresent();
      assertThat(watch.current().authenticate(ops)).isEmpty();
    }
  }

  private List<ILoggingEvent> errors() {
    synchronized (logged) { // the watch's thread appends under the appender's lock
      return logged.list.stream().filter(event -> event.getLevel() == Level.ERROR).toList();
    }
  }

  private static String entry(String name, String role, String secret) {
    return "[{\"name\": \""
        + name
        + "\", \"role\": \""
        + role
        + "\", \"queues\": [\"*\"], \"sha256\": \""
        + Secrets.sha256Hex(secret)
        + "\"}]";
  }

  /** As an editor saves: a new file renamed over the old, so no check reads half of it. */
  private void replace(String text) throws IOException {
    Path temp = Files.writeString(dir.resolve("tokens.json.tmp"), text);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
