package io.drover.server.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.Handler;
import io.drover.JobContext;
import io.drover.Outcome;
import java.util.Locale;

/**
 * Kind {@code sleep}: payload {@code {"ms": N}}, sleeps N milliseconds and completes with {@code
 * {"slept_ms": N}}. The sleep is interruptible, so timeouts and shutdown stop it like real work.
 */
public final class SleepHandler implements Handler {
  public static final String KIND = "sleep";

  /** Longest sleep accepted: ten minutes is plenty for a demonstration or a test. */
  public static final long MAX_MS = 600_000;

  @Override
  public Outcome handle(JobContext context) throws InterruptedException {
    JsonNode ms = context.payloadTree().path("ms");
    boolean usable =
        ms.canConvertToExactIntegral()
            && ms.canConvertToLong()
            && ms.asLong() >= 0
            && ms.asLong() <= MAX_MS;
    if (!usable) {
      // Bad input never gets better with retries.
      return Outcome.fail(
          "sleep needs a payload like {\"ms\": 250} with ms a whole number from 0 to "
              + MAX_MS
              + " (ms was "
              + (ms.isNumber() ? ms.toString() : ms.getNodeType().name().toLowerCase(Locale.ROOT))
              + ")");
    }
    Thread.sleep(ms.asLong());
    return Outcome.complete("{\"slept_ms\":" + ms.asLong() + "}");
  }
}
