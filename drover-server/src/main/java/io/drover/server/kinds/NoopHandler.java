package io.drover.server.kinds;

import io.drover.Handler;
import io.drover.JobContext;
import io.drover.Outcome;

/** Kind {@code noop}: completes at once. For trying the server out and for measuring overhead. */
public final class NoopHandler implements Handler {
  public static final String KIND = "noop";

  @Override
  public Outcome handle(JobContext context) {
    return Outcome.complete();
  }
}
