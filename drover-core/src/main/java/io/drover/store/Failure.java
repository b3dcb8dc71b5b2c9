package io.drover.store;

import io.drover.JobError;
import java.time.Instant;

/**
 * A failed attempt. The worker runtime decides what follows: another attempt at {@code retryAt}
 * (state {@code retrying}), or none (state {@code failed}) when {@code retryAt} is null.
 *
 * @param error appended to the job's error history
 * @param retryAt when to try again, or null to fail for good
 */
public record Failure(LeaseRef lease, JobError error, Instant retryAt) implements Acknowledgement {}
