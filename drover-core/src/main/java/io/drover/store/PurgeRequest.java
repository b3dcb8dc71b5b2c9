package io.drover.store;

import io.drover.JobSpec;
import io.drover.JobState;
import java.util.Objects;

/**
 * Asks a store to delete every job of one queue in one state ({@link JobStore#purge}). What every
 * store refuses is refused here, before anything is deleted.
 *
 * @param queue a valid queue name; one that was never seen has nothing to purge
 * @param state any state but {@code active}, whose jobs workers hold
 * @throws io.drover.InvalidJobException if {@code queue} is not a valid queue name
 * @throws IllegalArgumentException for {@code active}
 */
public record PurgeRequest(String queue, JobState state) {
  public PurgeRequest {
    JobSpec.checkName("queue", queue);
    Objects.requireNonNull(state, "state");
    if (state == JobState.ACTIVE) {
      throw new IllegalArgumentException(
          "cannot purge active jobs of queue '"
              + queue
              + "': workers hold their leases; cancel them first");
    }
  }
}
