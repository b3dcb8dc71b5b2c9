package io.drover.events;

import io.drover.Progress;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Something that happened to a job, as watchers hear it (the API's {@code /events} stream). Events
 * are news, not the record: one may be lost when a process dies or a connection drops, and the job
 * itself, read from the store, is always the truth.
 *
 * @param attempt the attempt the event belongs to; 0 before the first claim
 * @param progress for {@link Type#PROGRESS} only, else null
 * @param error for {@link Type#RETRYING} and {@link Type#FAILED}: the attempt's error message, cut
 *     to {@link #MAX_ERROR_CHARS} so one event fits any channel; the job keeps it whole
 * @param retryAt for {@link Type#RETRYING}: when the next attempt becomes due
 */
public record JobEvent(
    Type type,
    UUID jobId,
    String queue,
    String kind,
    int attempt,
    Instant at,
    Progress progress,
    String error,
    Instant retryAt) {
  public static final int MAX_ERROR_CHARS = 500;

  public JobEvent {
    if (error != null && error.length() > MAX_ERROR_CHARS) {
      error = error.substring(0, MAX_ERROR_CHARS);
    }
  }

  /** What the job went through. */
  public enum Type {
    ENQUEUED,
    STARTED,
    PROGRESS,
    COMPLETED,
    RETRYING,
    FAILED,
    CANCELLED;

    /** The lower-case name used on the wire and in the API. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Type ofWireName(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  static JobEvent of(Type type, UUID jobId, String queue, String kind, int attempt, Instant at) {
    return new JobEvent(type, jobId, queue, kind, attempt, at, null, null, null);
  }
}
