package io.drover;

/**
 * How far a running job has come, as reported by its handler.
 *
 * @param percent 0 to 100
 * @param message a short human-readable note, or null
 */
public record Progress(int percent, String message) {
  public static final int MAX_MESSAGE_LENGTH = 1000;

  public Progress {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("progress percent must be 0-100 (was " + percent + ")");
    }
    if (message != null && message.length() > MAX_MESSAGE_LENGTH) {
      message = message.substring(0, MAX_MESSAGE_LENGTH);
    }
  }
}
