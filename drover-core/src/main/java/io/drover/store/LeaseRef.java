package io.drover.store;

import java.util.UUID;

/**
 * A claimed job and the fencing token of the claim. Every heartbeat and acknowledgement carries
 * one; the store accepts it only while the job is still active under exactly this token, so a
 * worker whose lease expired and whose job was claimed again can no longer touch it.
 */
public record LeaseRef(UUID jobId, long token) {}
