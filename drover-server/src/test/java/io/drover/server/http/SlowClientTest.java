package io.drover.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.drover.server.TestServer;
import io.drover.store.JobQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Clients whose body never arrives (they went away, or the idle timeout closed them): the client's
 * doing, so one line at debug each, and no error with a stack trace.
 */
class SlowClientTest {
  private static final int CLIENTS = 50;

  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Logger requestBody = (Logger) LoggerFactory.getLogger(RequestBody.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Level levelBefore;
  private TestServer server;

  @BeforeEach
  void start() {
    levelBefore = requestBody.getLevel();
    requestBody.setLevel(Level.DEBUG);
    logged.start();
    root.addAppender(logged);
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
    root.detachAppender(logged);
    requestBody.setLevel(levelBefore);
  }

  @Test
  void bodiesThatNeverArrive_logOneDebugLineEach_andNoError() throws IOException {
    int port = URI.create(server.api().baseUrl()).getPort();
    for (int i = 0; i < CLIENTS; i++) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /api/v1/jobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"kind\":")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> lines(Level.DEBUG, "http: request body did not arrive").size() == CLIENTS);
    assertThat(lines(Level.DEBUG, "http: request body did not arrive"))
        .allSatisfy(
            event -> {
              assertThat(event.getFormattedMessage())
                  .startsWith("http: request body did not arrive: POST /api/v1/jobs: ");
              assertThat(event.getThrowableProxy()).isNull();
            });
    assertThat(events()).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
    assertThat(server.store().list(JobQuery.all()).jobs()).isEmpty();
  }

  private List<ILoggingEvent> lines(Level level, String prefix) {
    return events().stream()
        .filter(event -> event.getLevel() == level)
        .filter(event -> event.getFormattedMessage().startsWith(prefix))
        .toList();
  }

  /** A copy: server threads append under the appender's lock meanwhile. */
  private List<ILoggingEvent> events() {
    synchronized (logged) {
      return List.copyOf(logged.list);
    }
  }
}
