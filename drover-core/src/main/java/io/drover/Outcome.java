package io.drover;

import java.time.Duration;

/** What a handler says became of its attempt: a value, not a thrown control-flow trick. */
public sealed interface Outcome {

  /** The job is done; {@code result} (JSON text or null) is stored with it. */
  record Complete(String result) implements Outcome {}

  /**
   * This attempt did not succeed; try again after {@code delay} instead of the backoff. It uses an
   * attempt: with none left, the job fails.
   *
   * @param delay from zero to {@link Bounds#MAX_RETRY_DELAY}
   */
  record RetryIn(Duration delay, String reason) implements Outcome {
    public RetryIn {
      Bounds.check("retry_in", delay, Duration.ZERO, Bounds.MAX_RETRY_DELAY);
    }
  }

  /** The job can never succeed (bad input, a 404): fail it now whatever attempts remain. */
  record Fail(String reason) implements Outcome {}

  Complete COMPLETE = new Complete(null);

  static Outcome complete() {
    return COMPLETE;
  }

  static Outcome complete(String resultJson) {
    return new Complete(resultJson);
  }

  static Outcome retryIn(Duration delay, String reason) {
    return new RetryIn(delay, reason);
  }

  static Outcome fail(String reason) {
    return new Fail(reason);
  }
}
