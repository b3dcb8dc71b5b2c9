package io.drover.store;

import java.util.UUID;

/**
 * The answer to one enqueued spec.
 *
 * @param id the job's id: the spec's own, or the existing job's when de-duplicated
 * @param created false when no new job was made: the id already existed, or the de-duplication key
 *     matched a job inside its window; false too while the job is spooled
 * @param spooled true when the store was unreachable and the job waits in this process's durable
 *     spool ({@link io.drover.spool.Spool}) to be forwarded; the store then applies the id and the
 *     de-duplication key as if it had been enqueued at forwarding
 */
public record Enqueued(UUID id, boolean created, boolean spooled) {

  /** An answer of the store itself. */
  public Enqueued(UUID id, boolean created) {
    this(id, created, false);
  }

  /** The answer for a job kept in the spool: its own id, not yet created. */
  public static Enqueued spooled(UUID id) {
    return new Enqueued(id, false, true);
  }
}
