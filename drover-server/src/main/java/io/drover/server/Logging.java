package io.drover.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the log settings once they are read. logback.xml starts every process with the text
 * format and {@code LOG_LEVEL}; the flag and {@code DROVER_*} variables win here, and {@code json}
 * swaps the console appender for one writing a JSON object per line, whose top-level fields include
 * the events' key-value pairs ({@code job_id}, {@code queue}, {@code kind}, {@code attempt}).
 */
final class Logging {
  /** The appender logback.xml defines: stderr, so stdout carries only a command's answer. */
  static final String CONSOLE = "CONSOLE";

  private Logging() {}

  static void apply(String level, String format) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext logback)) {
      return; // another SLF4J binding: it has its own configuration
    }
    ch.qos.logback.classic.Logger root = logback.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level));
    if (format.equals("json")) {
      Appender<ILoggingEvent> text = root.getAppender(CONSOLE);
      ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
      json.setContext(logback);
      json.setName(CONSOLE);
      json.setTarget("System.err");
      json.setEncoder(jsonEncoder(logback));
      json.start();
      root.addAppender(json);
      if (text != null) {
        root.detachAppender(text);
        text.stop();
      }
    }
  }

  /** One JSON object per event and line: time, level, logger, message, key-value pairs, MDC. */
  static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }
}
