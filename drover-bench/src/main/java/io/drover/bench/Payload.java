package io.drover.bench;

/**
 * The JSON a bench job carries: {@code {"n":seq,"t":enqueuedAtNanos,"p":"padding"}}, padded to an
 * exact size. The sequence number lets a handler count runs per job in an array instead of a map;
 * the enqueue time is in wall-clock nanoseconds ({@link WallClock}).
 */
final class Payload {
  /** The longest unpadded payload: a 10-digit sequence and a 19-digit time. */
  static final int MIN_BYTES = 47;

  private static final String SEQ = "\"n\":";
  private static final String ENQUEUED_AT = "\"t\":";

  private Payload() {}

  static String of(int seq, long enqueuedAtNanos, int bytes) {
    String head = "{" + SEQ + seq + "," + ENQUEUED_AT + enqueuedAtNanos + ",\"p\":\"";
    int padding = Math.max(0, bytes - head.length() - 2);
    return head + "x".repeat(padding) + "\"}";
  }

  static int seq(String payload) {
    return Math.toIntExact(number(payload, SEQ));
  }

  static long enqueuedAtNanos(String payload) {
    return number(payload, ENQUEUED_AT);
  }

  /**
   * The whole number after {@code key}. Found by key, and past blanks, because a store may hand the
   * JSON back reformatted (PostgreSQL's jsonb reorders keys and adds spaces).
   */
  private static long number(String payload, String key) {
    int at = payload.indexOf(key);
    if (at < 0) {
      throw new IllegalArgumentException("not a bench payload: " + payload);
    }
    int i = at + key.length();
    while (payload.charAt(i) == ' ') {
      i++;
    }
    long value = 0;
    for (char c; i < payload.length() && (c = payload.charAt(i)) >= '0' && c <= '9'; i++) {
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
