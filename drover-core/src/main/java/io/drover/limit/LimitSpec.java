package io.drover.limit;

import io.drover.Bounds;
import io.drover.InvalidJobException;
import io.drover.JobSpec;
import io.drover.store.QueuePattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stored flow-control rule, shared by every process on the store (the flow-control issue). It
 * governs the jobs of the queues its patterns match (and, when {@code kinds} is not empty, only
 * jobs of those kinds); each job counts under its {@code rate_key}, and jobs without one share the
 * empty key. A claim never starts a governed job that would break a cap; it takes another key's job
 * instead.
 *
 * @param name unique, as a queue name
 * @param queues queue names or globs ({@code scrape.*}), at least one
 * @param kinds the kinds governed; empty for every kind
 * @param rate starts per window per key, or null
 * @param concurrency running jobs per key across the fleet, or null
 * @param queueConcurrency running governed jobs in total across the fleet, or null
 * @param fair whether the matched queues take turns across keys within a priority
 */
public record LimitSpec(
    String name,
    List<QueuePattern> queues,
    List<String> kinds,
    Rate rate,
    Integer concurrency,
    Integer queueConcurrency,
    boolean fair) {
  public static final int MAX_CONCURRENCY = 1_000_000;
  public static final int MAX_PATTERNS = 100;

  public LimitSpec {
    JobSpec.checkName("name", name);
    queues = List.copyOf(queues == null ? List.of() : queues);
    if (queues.isEmpty() || queues.size() > MAX_PATTERNS) {
      throw new InvalidJobException(
          "queues", "must name 1-" + MAX_PATTERNS + " queues or globs (was " + queues.size() + ")");
    }
    kinds = List.copyOf(kinds == null ? List.of() : kinds);
    if (kinds.size() > MAX_PATTERNS) {
      throw new InvalidJobException(
          "kinds", "at most " + MAX_PATTERNS + " (was " + kinds.size() + ")");
    }
    kinds.forEach(kind -> JobSpec.checkName("kinds", kind));
    if (concurrency != null) {
      Bounds.check("concurrency", concurrency, 1, MAX_CONCURRENCY);
    }
    if (queueConcurrency != null) {
      Bounds.check("queue_concurrency", queueConcurrency, 1, MAX_CONCURRENCY);
    }
    if (rate == null && concurrency == null && queueConcurrency == null && !fair) {
      throw new InvalidJobException(
          "limit", "needs rate, concurrency, queue_concurrency or fair (had none)");
    }
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Whether the limit governs a job of {@code kind} in {@code queue}. */
  public boolean governs(String queue, String kind) {
    return matchesQueue(queue) && (kinds.isEmpty() || kinds.contains(kind));
  }

  /** Whether one of the limit's patterns matches {@code queue}, whatever the kind. */
  public boolean matchesQueue(String queue) {
    return QueuePattern.anyMatches(queues, queue);
  }

  /**
   * Whether a governed job may start now, given the limit's governed jobs running in all and of its
   * key, and its key's theoretical arrival time under the rate (null if none).
   */
  public boolean admits(long active, long activeOfKey, Long nextStartMicros, long nowMicros) {
    if (queueConcurrency != null && active >= queueConcurrency) {
      return false;
    }
    if (concurrency != null && activeOfKey >= concurrency) {
      return false;
    }
    return rate == null || !rate.holds(nextStartMicros, nowMicros);
  }

  /** Whether a running governed job holds a slot, so its end may let another start. */
  public boolean capsConcurrency() {
    return concurrency != null || queueConcurrency != null;
  }

  /**
   * Whether a queue the limit matches may be one that {@code claimed} match: a literal on either
   * side decides exactly; two globs are taken to overlap.
   */
  public boolean mayGovernAny(List<QueuePattern> claimed) {
    for (QueuePattern asked : claimed) {
      for (QueuePattern governed : queues) {
        if (asked.isLiteral()
            ? governed.matches(asked.text())
            : !governed.isLiteral() || asked.matches(governed.text())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the limit caps anything (a limit may only make its queues fair). */
  public boolean caps() {
    return rate != null || concurrency != null || queueConcurrency != null;
  }

  public static final class Builder {
    private final String name;
    private final List<QueuePattern> queues = new ArrayList<>();
    private List<String> kinds = List.of();
    private Rate rate;
    private Integer concurrency;
    private Integer queueConcurrency;
    private boolean fair;

    private Builder(String name) {
      this.name = name;
    }

    public Builder queues(String... patterns) {
      Arrays.stream(patterns).map(QueuePattern::of).forEach(queues::add);
      return this;
    }

    public Builder kinds(String... kinds) {
      this.kinds = List.of(kinds);
      return this;
    }

    public Builder rate(Rate rate) {
      this.rate = rate;
      return this;
    }

    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    public Builder queueConcurrency(int queueConcurrency) {
      this.queueConcurrency = queueConcurrency;
      return this;
    }

    public Builder fair(boolean fair) {
      this.fair = fair;
      return this;
    }

    public LimitSpec build() {
      return new LimitSpec(name, queues, kinds, rate, concurrency, queueConcurrency, fair);
    }
  }
}
