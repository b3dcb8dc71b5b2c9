package io.drover.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.Job;
import io.drover.JobContext;
import io.drover.Progress;
import io.drover.store.JobStore;
import io.drover.store.ProgressUpdate;
import io.drover.workflow.ParentResult;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@link JobContext} a handler gets: its job, and a line back to the store. */
final class RunningJobContext implements JobContext {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Execution execution;
  private final JobStore store;

  /** Read once, on first use: a handler may look at its parents many times. */
  private Map<String, ParentResult> parents;

  RunningJobContext(Execution execution, JobStore store) {
    this.execution = execution;
    this.store = store;
  }

  @Override
  public Job job() {
    return execution.job();
  }

  @Override
  public JsonNode payloadTree() {
    try {
      return JSON.readTree(payload());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("payload of job " + job().id() + " is not JSON", e);
    }
  }

  @Override
  public <T> T payloadAs(Class<T> type) {
    try {
      return JSON.readValue(payload(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "payload of job " + job().id() + " does not bind to " + type.getSimpleName(), e);
    }
  }

  @Override
  public Map<String, ParentResult> parents() {
    Map<String, ParentResult> known = parents;
    if (known == null) {
      known = job().runId() == null ? Map.of() : store.workflows().parents(job().id());
      parents = known;
    }
    return known;
  }

  @Override
  public <T> T parentResult(String step, Class<T> type) {
    ParentResult parent = parents().get(step);
    if (parent == null) {
      throw new IllegalArgumentException(
          "job " + job().id() + " has no parent step named '" + step + "'");
    }
    try {
      return JSON.readValue(parent.result() == null ? "null" : parent.result(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "result of parent step '" + step + "' does not bind to " + type.getSimpleName(), e);
    }
  }

  @Override
  public String runInput() {
    UUID runId = job().runId();
    return runId == null
        ? null
        : store.workflows().head(runId).map(io.drover.workflow.RunHead::input).orElse(null);
  }

  @Override
  public void progress(int percent, String message) {
    if (!execution.isRunning()) {
      return;
    }
    var updated =
        store.updateProgress(
            List.of(new ProgressUpdate(execution.lease(), new Progress(percent, message))));
    if (updated.isEmpty()) {
      execution.end(Execution.Phase.ABANDONED, false);
    }
  }

  @Override
  public boolean isAbandoned() {
    return execution.phase() == Execution.Phase.ABANDONED;
  }
}
