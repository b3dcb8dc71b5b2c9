package io.drover.server.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets by caller, in this process's memory (Bucket4j), timed by the server's clock so
 * tests move time instead of sleeping.
 *
 * <p>Memory stays bounded without a background thread: now and then a request sweeps away the
 * buckets idle long enough to have filled up, which are exactly like the fresh bucket a returning
 * caller would get, so forgetting them changes no answer. Callers come from the tokens file or, on
 * a server without tokens, from loopback addresses, so there are few; should there be more than
 * {@code maxKeys} active at once, the least recently used are forgotten early (they start again
 * with a full bucket) rather than the map growing without bound.
 */
public final class RateLimiter {
  static final int DEFAULT_MAX_KEYS = 100_000;
  static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

  /** A caller's bucket for one rate, so a rate changed by a token's new role gets a new bucket. */
  private record Key(String caller, ApiRate rate) {}

  /** A bucket and when its caller last came. */
  private static final class Held {
    final Bucket bucket;
    volatile long lastUsedNanos;

    Held(Bucket bucket) {
      this.bucket = bucket;
    }

    Held touch(long now) {
      lastUsedNanos = now;
      return this;
    }
  }

  private final Map<Key, Held> buckets = new ConcurrentHashMap<>();
  private final TimeMeter time;
  private final int maxKeys;
  private final AtomicLong lastSweepNanos;
  private final AtomicBoolean sweeping = new AtomicBoolean();

  public RateLimiter(InstantSource clock) {
    this(clock, DEFAULT_MAX_KEYS);
  }

  RateLimiter(InstantSource clock, int maxKeys) {
    this.time = timeMeter(clock);
    this.maxKeys = maxKeys;
    this.lastSweepNanos = new AtomicLong(time.currentTimeNanos());
  }

  /**
   * Takes one request from {@code caller}'s bucket for {@code rate}.
   *
   * @param caller who is calling, e.g. a token's name or a client address; never a secret
   */
  public Verdict take(String caller, ApiRate rate) {
    long now = time.currentTimeNanos();
    Held held =
        buckets.compute(
            new Key(caller, rate),
            (key, existing) ->
                (existing == null ? new Held(newBucket(rate)) : existing).touch(now));
    ConsumptionProbe probe = held.bucket.tryConsumeAndReturnRemaining(1);
    sweepIfDue(now);
    long reset = Verdict.ceilSeconds(probe.getNanosToWaitForReset());
    return probe.isConsumed()
        ? new Verdict(true, rate.burst(), probe.getRemainingTokens(), reset, 0)
        : new Verdict(
            false,
            rate.burst(),
            0,
            reset,
            Math.max(1, Verdict.ceilSeconds(probe.getNanosToWaitForRefill())));
  }

  /** How many buckets are held. */
  int size() {
    return buckets.size();
  }

  private Bucket newBucket(ApiRate rate) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(rate.burst()).refillGreedy(rate.requests(), rate.per()))
        .withCustomTimePrecision(time)
        .build();
  }

  /** One request at a time sweeps; a clock set back counts as due, so sweeps never stop. */
  private void sweepIfDue(long now) {
    long last = lastSweepNanos.get();
    boolean due = now - last >= SWEEP_INTERVAL.toNanos() || now < last || buckets.size() > maxKeys;
    if (!due || !sweeping.compareAndSet(false, true)) {
      return;
    }
    try {
      lastSweepNanos.set(now);
      forgetFull(now);
      forgetLeastRecentlyUsed();
    } finally {
      sweeping.set(false);
    }
  }

  private void forgetFull(long now) {
    for (Key key : buckets.keySet()) {
      // Atomic per key: a caller who came meanwhile has touched it, so it stays.
      buckets.computeIfPresent(
          key, (k, held) -> now - held.lastUsedNanos >= k.rate().refillNanos() ? null : held);
    }
  }

  /** Back to nine tenths of the bound, so the next callers do not each pay for a sort. */
  private void forgetLeastRecentlyUsed() {
    int excess = buckets.size() - maxKeys;
    if (excess <= 0) {
      return;
    }
    List<Key> oldest =
        buckets.entrySet().stream()
            .sorted(Comparator.comparingLong(entry -> entry.getValue().lastUsedNanos))
            .limit(excess + maxKeys / 10)
            .map(Map.Entry::getKey)
            .toList();
    oldest.forEach(buckets::remove);
  }

  private static TimeMeter timeMeter(InstantSource clock) {
    return new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
  }
}
