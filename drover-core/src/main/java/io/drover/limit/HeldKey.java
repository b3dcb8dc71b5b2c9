package io.drover.limit;

import java.time.Instant;

/**
 * A key a limit holds back now.
 *
 * @param key the jobs' {@code rate_key} ({@code ""} for jobs without one)
 * @param active its governed jobs running now
 * @param waiting its governed jobs waiting to start
 * @param oldestDue the earliest {@code run_at} among those waiting jobs: how long the limit has
 *     held the key's work back
 * @param nextStart when the rate lets it start again, or null when only a concurrency cap holds it
 */
public record HeldKey(
    String key, long active, long waiting, Instant oldestDue, Instant nextStart) {}
