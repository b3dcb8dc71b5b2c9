package io.drover;

import java.util.Locale;

/**
 * Where a job is in its life cycle (DESIGN §2). The wire and database name of each state is its
 * lower-case name.
 */
public enum JobState {
  /** Enqueued with a {@code run_at} in the future. */
  SCHEDULED,
  /** Ready to be claimed. */
  WAITING,
  /** A workflow step whose dependencies have not finished yet. */
  BLOCKED,
  /** Claimed by a worker under a lease. */
  ACTIVE,
  /** An attempt failed and attempts remain; claimable again at {@code run_at}. */
  RETRYING,
  /** The handler succeeded. Terminal. */
  COMPLETED,
  /** No attempts left, or failed permanently (the dead-letter set). Terminal. */
  FAILED,
  /** Cancelled from a non-terminal state. Terminal. */
  CANCELLED;

  /** True for the states a job never leaves on its own: completed, failed, cancelled. */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** True for the states whose jobs a worker may claim once {@code run_at} has passed. */
  public boolean isClaimable() {
    return this == WAITING || this == SCHEDULED || this == RETRYING;
  }

  /** The name used in JSON and in the database. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static JobState fromWire(String name) {
    for (JobState state : values()) {
      if (state.wireName().equals(name)) {
        return state;
      }
    }
    throw new IllegalArgumentException(
        "unknown job state '"
            + name
            + "' (expected one of scheduled, waiting, blocked, active, retrying, completed, failed,"
            + " cancelled)");
  }
}
