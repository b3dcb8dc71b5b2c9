package io.drover;

import java.time.Instant;

/**
 * What went wrong in one failed attempt.
 *
 * @param attempt the attempt number (1-based)
 * @param message one line saying what failed
 * @param stack the head of the stack trace, or null
 * @param at when the attempt failed
 */
public record JobError(int attempt, String message, String stack, Instant at) {
  /** Frames of a stack trace kept per error: enough to find the throw site, small in storage. */
  public static final int STACK_FRAMES = 12;

  /** Builds an error from a throwable, keeping the first {@link #STACK_FRAMES} frames. */
  public static JobError of(int attempt, Throwable failure, Instant at) {
    StringBuilder stack = new StringBuilder(failure.toString());
    StackTraceElement[] frames = failure.getStackTrace();
    for (int i = 0; i < Math.min(frames.length, STACK_FRAMES); i++) {
      stack.append("\n\tat ").append(frames[i]);
    }
    String message =
        failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
    return new JobError(attempt, message, stack.toString(), at);
  }
}
