package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

class LoggingTest {

  /** Every command's stdout is its answer alone (a pipe reads it); logs, in either format, not. */
  @ParameterizedTest
  @ValueSource(strings = {"text", "json"})
  void logsGoToStderr(String format) throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logging.apply("info", format);
    try {
      Appender<ILoggingEvent> console =
          context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(Logging.CONSOLE);

      assertThat(console).isInstanceOf(ConsoleAppender.class);
      assertThat(((ConsoleAppender<ILoggingEvent>) console).getTarget()).isEqualTo("System.err");
    } finally {
      context.reset(); // back to logback.xml for the tests after this one
      new ContextInitializer(context).autoConfig();
    }
  }

  @Test
  void theJsonFormat_writesOneObjectPerLine_withTheEventsKeyValuesAsFields() throws Exception {
    // The running context: a bare new one lacks the MDC adapter SLF4J gives it at start.
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    LoggingEvent event =
        new LoggingEvent(
            LoggingTest.class.getName(),
            context.getLogger("io.drover.runtime.WorkerPool"),
            Level.INFO,
            "job: attempt failed",
            null,
            null);
    event.setKeyValuePairs(
        List.of(
            new KeyValuePair("job_id", "019a0000-0000-7000-8000-000000000001"),
            new KeyValuePair("queue", "mail"),
            new KeyValuePair("kind", "email.send"),
            new KeyValuePair("attempt", 2)));

    String written = new String(Logging.jsonEncoder(context).encode(event), StandardCharsets.UTF_8);

    assertThat(written).endsWith("\n");
    assertThat(written.strip()).doesNotContain("\n");
    JsonNode line = ApiClient.JSON.readTree(written);
    assertThat(line.get("message").asText()).isEqualTo("job: attempt failed");
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("job_id").asText()).isEqualTo("019a0000-0000-7000-8000-000000000001");
    assertThat(line.get("queue").asText()).isEqualTo("mail");
    assertThat(line.get("kind").asText()).isEqualTo("email.send");
    assertThat(line.get("attempt").asInt()).isEqualTo(2);
  }
}
