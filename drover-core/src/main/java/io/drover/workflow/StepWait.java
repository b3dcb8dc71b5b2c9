package io.drover.workflow;

import io.drover.Bounds;
import io.drover.InvalidJobException;
import io.drover.JobSpec;
import java.time.Duration;

/**
 * A step that no worker runs: the store completes it when a signal arrives or a timer fires, so it
 * holds no worker slot while it waits.
 */
public sealed interface StepWait {

  /**
   * Completes when {@code POST /runs/{id}/signals/{signal}} arrives, the signal's body becoming the
   * step's result. Without a signal before {@code timeout} (if any), the step fails, or completes
   * with {@code onTimeout} when one is given.
   *
   * @param timeout from 1 ms to {@link Bounds#MAX_DELAY}, or null to wait for ever
   * @param onTimeout JSON result to complete with when the timeout passes, or null to fail
   */
  record Signal(String signal, Duration timeout, String onTimeout) implements StepWait {
    public Signal {
      JobSpec.checkName("signal", signal);
      if (timeout != null) {
        Bounds.check("timeout", timeout, Duration.ofMillis(1), Bounds.MAX_DELAY);
      }
      if (onTimeout != null) {
        if (timeout == null) {
          throw new InvalidJobException("on_timeout", "needs a timeout");
        }
        JobSpec.checkPayload(onTimeout, JobSpec.DEFAULT_MAX_PAYLOAD_BYTES);
      }
    }
  }

  /**
   * Completes {@code after} its parents finished (at once when it has none), durably: a restart
   * does not reset it.
   *
   * @param after from 0 to {@link Bounds#MAX_DELAY}
   */
  record Timer(Duration after) implements StepWait {
    public Timer {
      Bounds.check("after", after, Duration.ZERO, Bounds.MAX_DELAY);
    }
  }

  /** The kind a waiting step's job carries, so lists and stats show what it is. */
  default String kind() {
    return this instanceof Signal ? "drover.signal" : "drover.timer";
  }

  /** How long after the step is armed it fires (a timer) or gives up (a signal), or null. */
  default Duration deadline() {
    return switch (this) {
      case Signal signal -> signal.timeout();
      case Timer timer -> timer.after();
    };
  }
}
