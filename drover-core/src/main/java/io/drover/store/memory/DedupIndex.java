package io.drover.store.memory;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Which job holds each (queue, dedup_key) and until when. A key is held from the first job's
 * created_at for that job's own window, whatever becomes of the job meanwhile, so a producer that
 * enqueues at-least-once still gets one job even after the first has finished.
 */
final class DedupIndex {
  private record Key(String queue, String dedupKey) {}

  private record Hold(UUID jobId, Instant expiresAt) {}

  private final Map<Key, Hold> holds = new HashMap<>();

  /** The job holding (queue, dedupKey) at {@code now}, or null when the key is free. */
  UUID holder(String queue, String dedupKey, Instant now) {
    if (dedupKey == null) {
      return null;
    }
    Hold hold = holds.get(new Key(queue, dedupKey));
    return hold != null && now.isBefore(hold.expiresAt) ? hold.jobId : null;
  }

  void take(StoredJob job) {
    if (job.spec.dedupKey() != null) {
      Instant expiresAt = MemoryJobStore.millis(job.createdAt.plus(job.spec.dedupWindow()));
      holds.put(new Key(job.queue(), job.spec.dedupKey()), new Hold(job.id(), expiresAt));
    }
  }

  /** Lets go of the key a deleted job held, so no answer ever names a job that is gone. */
  void release(StoredJob job) {
    if (job.spec.dedupKey() != null) {
      holds.computeIfPresent(
          new Key(job.queue(), job.spec.dedupKey()),
          (key, hold) -> hold.jobId.equals(job.id()) ? null : hold);
    }
  }

  void forgetExpired(Instant now) {
    holds.values().removeIf(hold -> !now.isBefore(hold.expiresAt));
  }
}
