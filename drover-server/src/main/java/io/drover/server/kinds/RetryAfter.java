package io.drover.server.kinds;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} header (RFC 9110 §10.2.3): whole seconds, or an HTTP date. The wait
 * is capped, so a server answering "in a year" cannot park a job past any sensible retention.
 */
final class RetryAfter {
  static final Duration MAX = Duration.ofHours(1);

  private RetryAfter() {}

  /** The wait the header asks for, or empty when it is absent or unreadable. */
  static Optional<Duration> parse(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    Duration wait;
    if (value.matches("\\d{1,10}")) {
      wait = Duration.ofSeconds(Long.parseLong(value));
    } else {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        wait = Duration.between(now, at);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    if (wait.isNegative()) {
      return Optional.of(Duration.ZERO);
    }
    return Optional.of(wait.compareTo(MAX) > 0 ? MAX : wait);
  }
}
