package io.drover.workflow;

/** What became of a signal sent to a run. */
public enum SignalOutcome {
  /** A step waiting for it completed with the signal's body as its result. */
  DELIVERED,
  /** The run has a step for this signal, but it is not waiting: its parents have not finished. */
  NOT_WAITING_YET,
  /** The step for this signal finished already (signalled, timed out, or cancelled). */
  ALREADY_FINISHED,
  /** No step of the run waits for a signal of this name. */
  UNKNOWN_SIGNAL
}
