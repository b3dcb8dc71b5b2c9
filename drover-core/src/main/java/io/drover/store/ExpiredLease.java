package io.drover.store;

import io.drover.Backoff;
import java.time.Instant;

/**
 * An active job whose lease ran out, as a store's reaper found it: what {@link LeaseExpiry} needs
 * to decide its fate.
 *
 * @param lease the job and the token it was claimed under
 * @param attempt the attempt that was running
 * @param maxAttempts how many attempts the job may use
 * @param backoff the job's retry backoff
 * @param workerId the worker that held the lease
 * @param expiredAt when the lease ran out
 */
public record ExpiredLease(
    LeaseRef lease,
    int attempt,
    int maxAttempts,
    Backoff backoff,
    String workerId,
    Instant expiredAt) {}
