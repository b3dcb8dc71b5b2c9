package io.drover;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUIDv7 job ids (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made in one
 * process are strictly increasing, so ordering by id follows enqueue order, and a client can make
 * the id itself so a retried enqueue is idempotent.
 */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong LAST = new AtomicLong();

  private Ids() {}

  /** A fresh UUIDv7. */
  public static UUID newId() {
    // The top 60 bits of the high word hold the millis and a 12-bit sequence; bumping the packed
    // value keeps ids strictly increasing within a millisecond and across clock steps backwards.
    long packed =
        LAST.updateAndGet(
            last -> {
              long now = System.currentTimeMillis() << 12;
              return now > last ? now : last + 1;
            });
    long millis = packed >>> 12;
    long sequence = packed & 0xFFF;
    long high = (millis << 16) | 0x7000L | sequence;
    long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  /**
   * Parses a UUID string.
   *
   * @throws InvalidJobException naming {@code field} when the text is not a UUID
   */
  public static UUID parse(String field, String text) {
    try {
      if (text == null || text.length() != 36) {
        throw new IllegalArgumentException();
      }
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException(field, "must be a UUID (was '" + text + "')");
    }
  }
}
