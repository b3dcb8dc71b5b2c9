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

  /**
   * What the job went through; the {@code RUN_} types are what a run went through, told with the
   * run's id in {@link #jobId()}, its name in {@link #kind()} and no queue (a run spans queues).
   */
  public enum Type {
    ENQUEUED,
    STARTED,
    PROGRESS,
    COMPLETED,
    RETRYING,
    FAILED,
    CANCELLED,
    RUN_COMPLETED,
    RUN_FAILED,
    RUN_CANCELLED;

    /** The name used on the wire and in the API: {@code completed}, {@code run.completed}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace("run_", "run.");
    }

    public boolean isRunEvent() {
      return name().startsWith("RUN_");
    }

    public static Type ofWireName(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT).replace('.', '_'));
    }
  }

  /** A run's event: the run's id and name, no queue. */
  public static JobEvent ofRun(Type type, UUID runId, String name, Instant at) {
    return new JobEvent(type, runId, RUN_QUEUE, name, 0, at, null, null, null);
  }

  /**
   * The queue of run events: none, as the empty name no queue can have, so a stream filtered to
   * queues never sees them.
   */
  public static final String RUN_QUEUE = "";

  static JobEvent of(Type type, UUID jobId, String queue, String kind, int attempt, Instant at) {
    return new JobEvent(type, jobId, queue, kind, attempt, at, null, null, null);
  }
}
