package io.drover.store;

import java.time.Instant;

/**
 * The text a wake-up travels as between processes (PostgreSQL NOTIFY, Redis PUBLISH): a queue's
 * name when it got jobs claimable now; the name, a space and an epoch millisecond when it got a job
 * that waits for its time, the earliest such of the change; or {@code :wait} and an epoch
 * millisecond when a step of a run started a wait with a deadline (a timer, a signal's timeout).
 * Queue names hold no spaces and start with a letter or digit ({@link io.drover.JobSpec#NAME}), so
 * the three never mix up.
 */
public final class WakeupMessage {
  private static final String WAIT = ":wait ";

  private WakeupMessage() {}

  /** The message saying a job of {@code queue} becomes due at {@code at}. */
  public static String due(String queue, Instant at) {
    return queue + ' ' + at.toEpochMilli();
  }

  /** The message saying a step's wait ends at {@code at}. */
  public static String waitDue(Instant at) {
    return WAIT + at.toEpochMilli();
  }

  /**
   * Tells {@code listener} what {@code message} says. A job's time that does not parse (a message
   * from another version) is heard as jobs claimable now: a needless claim, never a missed job.
   */
  static void deliver(String message, WakeupListener listener) {
    int space = message.indexOf(' ');
    if (space < 0) {
      listener.jobsAvailable(message);
      return;
    }
    Instant at = epochMillis(message, space + 1);
    if (message.startsWith(WAIT)) {
      if (at != null) {
        listener.waitDue(at);
      }
      return;
    }
    String queue = message.substring(0, space);
    if (at == null) {
      listener.jobsAvailable(queue);
    } else {
      listener.jobsDue(queue, at);
    }
  }

  private static Instant epochMillis(String message, int from) {
    try {
      return Instant.ofEpochMilli(Long.parseLong(message, from, message.length(), 10));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
