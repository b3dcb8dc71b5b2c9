package io.drover.store.redis;

import io.drover.Backoff;
import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.Progress;
import io.drover.store.StoredJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A job as one Redis hash: one field per {@link Job} component but the lease end (a score in the
 * queue's leases set), times and durations in milliseconds, absent fields for null. The Lua scripts
 * use these same field names.
 */
final class JobHash {
  static final String ID = "id";
  static final String QUEUE = "queue";
  static final String KIND = "kind";
  static final String PAYLOAD = "payload";
  static final String PRIORITY = "priority";
  static final String STATE = "state";
  static final String ATTEMPT = "attempt";
  static final String MAX_ATTEMPTS = "max_attempts";
  static final String BACKOFF_BASE = "backoff_base";
  static final String BACKOFF_MAX = "backoff_max";
  static final String TIMEOUT = "timeout";
  static final String RUN_AT = "run_at";
  static final String DEDUP_KEY = "dedup_key";
  static final String RATE_KEY = "rate_key";
  static final String TAGS = "tags";
  static final String RUN_ID = "run_id";

  /** A step's parents' job ids, space-separated; only steps of a run have it. */
  static final String DEPENDS_ON = "depends_on";

  static final String PROGRESS = "progress";
  static final String PROGRESS_MESSAGE = "progress_message";
  static final String RESULT = "result";
  static final String ERRORS = "errors";
  static final String WORKER_ID = "worker_id";
  static final String TOKEN = "token";
  static final String CREATED_AT = "created_at";
  static final String STARTED_AT = "started_at";
  static final String FINISHED_AT = "finished_at";

  private JobHash() {}

  /** The hash of a new job as field, value pairs. */
  static List<String> fields(JobSpec spec, JobState state, long runAt, long now) {
    List<String> fields = new ArrayList<>(40);
    put(fields, ID, spec.id().toString());
    put(fields, QUEUE, spec.queue());
    put(fields, KIND, spec.kind());
    put(fields, PAYLOAD, spec.payload());
    put(fields, PRIORITY, Integer.toString(spec.priority()));
    put(fields, STATE, state.wireName());
    put(fields, ATTEMPT, "0");
    put(fields, MAX_ATTEMPTS, Integer.toString(spec.maxAttempts()));
    put(fields, BACKOFF_BASE, Long.toString(spec.backoff().base().toMillis()));
    put(fields, BACKOFF_MAX, Long.toString(spec.backoff().max().toMillis()));
    put(fields, TIMEOUT, Long.toString(spec.timeout().toMillis()));
    put(fields, RUN_AT, Long.toString(runAt));
    put(fields, TOKEN, "0");
    put(fields, CREATED_AT, Long.toString(now));
    if (spec.dedupKey() != null) {
      put(fields, DEDUP_KEY, spec.dedupKey());
    }
    if (spec.rateKey() != null) {
      put(fields, RATE_KEY, spec.rateKey());
    }
    if (!spec.tags().isEmpty()) {
      put(fields, TAGS, StoredJson.strings(spec.tags()));
    }
    if (spec.runId() != null) {
      put(fields, RUN_ID, spec.runId().toString());
    }
    return fields;
  }

  /**
   * @param leaseEnd the job's score in its queue's leases set, or null when it holds no lease
   */
  static Job decode(Map<String, String> hash, Double leaseEnd) {
    String tags = hash.get(TAGS);
    String errors = hash.get(ERRORS);
    String percent = hash.get(PROGRESS);
    return new Job(
        UUID.fromString(hash.get(ID)),
        hash.get(QUEUE),
        hash.get(KIND),
        hash.get(PAYLOAD),
        Integer.parseInt(hash.get(PRIORITY)),
        JobState.fromWire(hash.get(STATE)),
        Integer.parseInt(hash.get(ATTEMPT)),
        Integer.parseInt(hash.get(MAX_ATTEMPTS)),
        new Backoff(millis(hash.get(BACKOFF_BASE)), millis(hash.get(BACKOFF_MAX))),
        millis(hash.get(TIMEOUT)),
        instant(hash.get(RUN_AT)),
        hash.get(DEDUP_KEY),
        hash.get(RATE_KEY),
        tags == null ? List.of() : StoredJson.strings(tags),
        uuid(hash.get(RUN_ID)),
        ids(hash.get(DEPENDS_ON)),
        percent == null
            ? null
            : new Progress(Integer.parseInt(percent), hash.get(PROGRESS_MESSAGE)),
        hash.get(RESULT),
        errors == null ? List.of() : StoredJson.errors(errors),
        hash.get(WORKER_ID),
        Long.parseLong(hash.get(TOKEN)),
        leaseEnd == null ? null : Instant.ofEpochMilli(leaseEnd.longValue()),
        instant(hash.get(CREATED_AT)),
        instant(hash.get(STARTED_AT)),
        instant(hash.get(FINISHED_AT)));
  }

  static Instant instant(String millis) {
    return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
  }

  private static Duration millis(String millis) {
    return Duration.ofMillis(Long.parseLong(millis));
  }

  private static List<UUID> ids(String spaced) {
    if (spaced == null || spaced.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(spaced.split(" ")).map(UUID::fromString).toList();
  }

  private static UUID uuid(String text) {
    return text == null ? null : UUID.fromString(text);
  }

  private static void put(List<String> fields, String field, String value) {
    fields.add(field);
    fields.add(value);
  }
}
