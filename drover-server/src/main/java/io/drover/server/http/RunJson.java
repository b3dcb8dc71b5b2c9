package io.drover.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.drover.JobState;
import io.drover.workflow.Run;
import io.drover.workflow.Step;
import io.drover.workflow.StepWait;
import java.util.Map;

/**
 * A run as the API shows it: snake_case, times ISO-8601 UTC, input and output embedded as JSON,
 * step counts by state, and (for one run) every step with its job as {@code GET /jobs/{id}} shows
 * it.
 */
final class RunJson {
  private RunJson() {}

  /** The run without its steps, as a listing shows it. */
  static ObjectNode summary(Run run) {
    ObjectNode node = Json.object();
    node.put("id", run.id().toString());
    node.put("name", run.name());
    node.put("state", run.state().wireName());
    node.putRawValue("input", new RawValue(run.input()));
    ObjectNode counts = node.putObject("counts");
    for (Map.Entry<JobState, Integer> count : run.counts().entrySet()) {
      counts.put(count.getKey().wireName(), count.getValue());
    }
    node.put("max_steps", run.maxSteps());
    node.put("created_at", JobJson.time(run.createdAt()));
    node.put("finished_at", JobJson.time(run.finishedAt()));
    return node;
  }

  /** The run with its output and every step. */
  static ObjectNode of(Run run) {
    ObjectNode node = summary(run);
    node.putRawValue("output", new RawValue(run.output()));
    ArrayNode steps = node.putArray("steps");
    for (Step step : run.steps()) {
      ObjectNode entry = steps.addObject();
      entry.put("name", step.name());
      ArrayNode dependsOn = entry.putArray("depends_on");
      step.dependsOn().forEach(dependsOn::add);
      entry.put("optional", step.optional());
      entry.put("run_on", step.runOn().wireName());
      switch (step.waitsFor()) {
        case null -> {}
        case StepWait.Signal signal -> {
          entry.put("signal", signal.signal());
          entry.put("timeout", signal.timeout() == null ? null : signal.timeout().toMillis());
          if (signal.onTimeout() != null) {
            entry.putRawValue("on_timeout", new RawValue(signal.onTimeout()));
          }
        }
        case StepWait.Timer timer -> entry.put("timer", timer.after().toMillis());
      }
      entry.set("job", JobJson.of(step.job()));
    }
    return node;
  }
}
