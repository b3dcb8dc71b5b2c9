package io.drover.store;

import io.drover.Bounds;
import java.util.Objects;

/**
 * A registered worker's report that it is alive ({@link JobStore#heartbeatWorker}).
 *
 * @param running how many jobs it runs now, 0 or more
 */
public record WorkerHeartbeat(String workerId, int running) {
  public WorkerHeartbeat {
    Objects.requireNonNull(workerId, "workerId");
    Bounds.check("running", running, 0, Integer.MAX_VALUE);
  }
}
