package io.drover.store;

import java.util.UUID;

/**
 * The answer to one enqueued spec.
 *
 * @param id the job's id: the spec's own, or the existing job's when de-duplicated
 * @param created false when no new job was made: the id already existed, or the de-duplication key
 *     matched a job inside its window
 */
public record Enqueued(UUID id, boolean created) {}
