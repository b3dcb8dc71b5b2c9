package io.drover.schedule;

import io.drover.JobDefaults;
import io.drover.JobSpec;
import io.drover.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The job a schedule enqueues at each fire. Options left null take the runtime's defaults.
 *
 * @param maxAttempts null for the default
 * @param timeout null for the default
 */
public record JobTemplate(
    String queue,
    String kind,
    String payload,
    int priority,
    Integer maxAttempts,
    Duration timeout,
    List<String> tags) {

  public JobTemplate {
    tags = List.copyOf(tags == null ? List.of() : tags);
    payload = payload == null ? "{}" : payload;
    // Building a spec validates every field the same way an enqueue would, naming it.
    spec(
        queue,
        kind,
        payload,
        priority,
        maxAttempts,
        timeout,
        tags,
        "check",
        Instant.EPOCH,
        JobDefaults.STANDARD);
  }

  public static JobTemplate of(String queue, String kind, String payload) {
    return new JobTemplate(queue, kind, payload, Priority.NORMAL.value(), null, null, List.of());
  }

  /**
   * The spec for one fire. Its de-duplication key names the schedule and the fire time, so any
   * number of schedulers firing the same time make one job, and the job says where it came from.
   */
  public JobSpec toSpec(String scheduleName, Instant fireAt, JobDefaults defaults) {
    return spec(
        queue, kind, payload, priority, maxAttempts, timeout, tags, scheduleName, fireAt, defaults);
  }

  private static JobSpec spec(
      String queue,
      String kind,
      String payload,
      int priority,
      Integer maxAttempts,
      Duration timeout,
      List<String> tags,
      String scheduleName,
      Instant fireAt,
      JobDefaults defaults) {
    JobSpec.Builder builder =
        JobSpec.builder(queue, kind)
            .payload(payload)
            .priority(priority)
            .runAt(fireAt)
            .tags(tags)
            .tag(Schedule.TAG_PREFIX + scheduleName)
            .dedupKey(dedupKey(scheduleName, fireAt))
            .dedupWindow(Schedule.FIRE_DEDUP_WINDOW);
    if (maxAttempts != null) {
      builder.maxAttempts(maxAttempts);
    }
    if (timeout != null) {
      builder.timeout(timeout);
    }
    return builder.build(defaults);
  }

  /** {@code schedule:<name>@<fire time>}: what a fired job's {@code dedup_key} says. */
  public static String dedupKey(String scheduleName, Instant fireAt) {
    return Schedule.TAG_PREFIX + scheduleName + "@" + fireAt;
  }
}
