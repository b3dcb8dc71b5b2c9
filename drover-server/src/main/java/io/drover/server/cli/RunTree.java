package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.server.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A run as {@code drover runs show} prints it: a line for the run, then a line per step in creation
 * order with its state, attempt, what it runs or waits for, and the steps it runs after.
 */
final class RunTree {
  /** The states a step ends in. */
  static final Set<String> FINISHED = Set.of("completed", "failed", "cancelled");

  private RunTree() {}

  /**
   * @param run the run as {@code GET /api/v1/runs/{id}} answers it
   */
  static void print(JsonNode run, PrintWriter out) {
    out.println(
        "run "
            + run.get("id").asText()
            + " ("
            + run.get("name").asText()
            + ") is "
            + run.get("state").asText());
    Table table = new Table("STEP", "STATE", "ATTEMPT", "RUNS", "AFTER");
    for (JsonNode step : run.get("steps")) {
      JsonNode job = step.get("job");
      boolean waits = step.has("signal") || step.has("timer");
      table.row(
          step.get("name").asText() + (step.get("optional").asBoolean() ? " (optional)" : ""),
          job.get("state").asText(),
          waits ? null : job.get("attempt").asInt() + "/" + job.get("max_attempts").asInt(),
          runs(step),
          after(step));
    }
    table.print(out);
  }

  /** The job's kind, or the signal or timer the store completes the step on. */
  private static String runs(JsonNode step) {
    if (step.has("signal")) {
      JsonNode timeout = step.get("timeout");
      return "signal "
          + step.get("signal").asText()
          + (timeout.isNull() ? "" : " (timeout " + duration(timeout) + ")");
    }
    if (step.has("timer")) {
      return "timer " + duration(step.get("timer"));
    }
    return step.get("job").get("kind").asText();
  }

  private static String after(JsonNode step) {
    List<String> parents = new ArrayList<>();
    step.get("depends_on").forEach(parent -> parents.add(parent.asText()));
    if (parents.isEmpty()) {
      return "";
    }
    boolean whatever = step.get("run_on").asText().equals("finished");
    return "<- " + String.join(", ", parents) + (whatever ? " (run_on finished)" : "");
  }

  private static String duration(JsonNode millis) {
    return Durations.format(Duration.ofMillis(millis.asLong()));
  }
}
