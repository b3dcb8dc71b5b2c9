package io.drover.store.redis;

import io.drover.limit.LimitSpec;
import io.drover.limit.Rate;
import io.drover.store.QueuePattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A limit's spec as the fields of its hash, {@code {prefix}:limit:<name>}. Lists are joined by
 * newlines, which no queue pattern or kind holds.
 */
final class LimitHash {
  private static final String QUEUES = "queues";
  private static final String KINDS = "kinds";
  private static final String RATE_LIMIT = "rate_limit";
  private static final String RATE_PER_NANOS = "rate_per_nanos";
  private static final String RATE_BURST = "rate_burst";
  private static final String CONCURRENCY = "concurrency";
  private static final String QUEUE_CONCURRENCY = "queue_concurrency";
  private static final String FAIR = "fair";

  private LimitHash() {}

  /** The spec's fields and values, flat. */
  static List<String> fields(LimitSpec spec) {
    List<String> fields = new ArrayList<>();
    add(fields, QUEUES, String.join("\n", spec.queues().stream().map(QueuePattern::text).toList()));
    if (!spec.kinds().isEmpty()) {
      add(fields, KINDS, String.join("\n", spec.kinds()));
    }
    if (spec.rate() != null) {
      add(fields, RATE_LIMIT, Integer.toString(spec.rate().limit()));
      add(fields, RATE_PER_NANOS, Long.toString(spec.rate().per().toNanos()));
      add(fields, RATE_BURST, Integer.toString(spec.rate().burst()));
    }
    if (spec.concurrency() != null) {
      add(fields, CONCURRENCY, spec.concurrency().toString());
    }
    if (spec.queueConcurrency() != null) {
      add(fields, QUEUE_CONCURRENCY, spec.queueConcurrency().toString());
    }
    add(fields, FAIR, spec.fair() ? "1" : "0");
    return fields;
  }

  static LimitSpec decode(String name, Map<String, String> hash) {
    Rate rate =
        hash.containsKey(RATE_LIMIT)
            ? new Rate(
                Integer.parseInt(hash.get(RATE_LIMIT)),
                Duration.ofNanos(Long.parseLong(hash.get(RATE_PER_NANOS))),
                Integer.parseInt(hash.get(RATE_BURST)))
            : null;
    return new LimitSpec(
        name,
        Arrays.stream(hash.get(QUEUES).split("\n")).map(QueuePattern::of).toList(),
        hash.containsKey(KINDS) ? List.of(hash.get(KINDS).split("\n")) : List.of(),
        rate,
        integer(hash.get(CONCURRENCY)),
        integer(hash.get(QUEUE_CONCURRENCY)),
        "1".equals(hash.get(FAIR)));
  }

  private static Integer integer(String value) {
    return value == null ? null : Integer.valueOf(value);
  }

  private static void add(List<String> fields, String field, String value) {
    fields.add(field);
    fields.add(value);
  }
}
